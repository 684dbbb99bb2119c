package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.keras4j.NDArray;
import io.keras4j.layers.Layers;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 75 real Keras 1/2 models of {@code keras-compat/legacy-h5} (Deeplearning4j's Keras import
 * test resources, Apache 2.0; see the NOTICE beside them): each is loaded with
 * {@link Models#loadModel}, run on its {@code inputs/}, and must reproduce Keras's own
 * {@code outputs/} within 1e-5 absolute or 1e-4 relative. A case whose model needs a layer class
 * keras4j does not have yet is skipped with a message naming the class.
 */
class LegacyH5ConformanceTest {
    static Path root() throws Exception {
        return Path.of(LegacyH5ConformanceTest.class.getResource("/keras-compat/legacy-h5").toURI());
    }

    static Stream<String> cases() throws Exception {
        List<String> out = new ArrayList<>();
        Path root = root();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.getFileName().toString().endsWith("_model.h5")).sorted().forEach(p -> {
                String rel = root.relativize(p).toString();
                out.add(rel.substring(0, rel.length() - "_model.h5".length()));
            });
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproducesKerasOutputs(String name) throws Exception {
        Path dir = root();
        Map<String, Object> config = Json.parseObject(Files.readString(dir.resolve(name + "_config.json")), name);
        for (String cls : layerClasses(config)) {
            Assumptions.assumeTrue(Layers.isKnown(cls), "needs layer class " + cls + ", not in keras4j yet");
        }
        Model model = Models.loadModel(dir.resolve(name + "_model.h5"));
        byte[] io = Files.readAllBytes(dir.resolve(name + "_inputs_and_outputs.h5"));
        try (HdfFile h = H5.open(io, name)) {
            NDArray x = only(h, "inputs", io.length, name);
            NDArray expected = only(h, "outputs", io.length, name);
            NDArray got = model.predict(x);
            assertArrayEquals(expected.shape(), got.shape(), name + ": output shape");
            float[] e = expected.toFloatArray(), g = got.toFloatArray();
            for (int i = 0; i < e.length; i++) {
                double err = Math.abs(e[i] - g[i]);
                if (!(err <= 1e-5 || err <= 1e-4 * Math.abs(e[i]))) {
                    fail(name + ": output " + i + " is " + g[i] + ", Keras gave " + e[i]);
                }
            }
        }
    }

    private static NDArray only(HdfFile h, String group, long size, String file) {
        Group g = H5.group(h, group, file);
        List<String> names = H5.children(g, file);
        assertTrue(names.size() == 1, file + ": expected one " + group + " dataset, got " + names);
        H5.Array a = WeightsFile.dataset(g, names.get(0), size, file);
        return NDArray.of(a.data, a.shape);
    }

    @SuppressWarnings("unchecked")
    static List<String> layerClasses(Map<String, Object> config) {
        Object c = config.get("config");
        Object layers = c instanceof List ? c : ((Map<String, Object>) c).get("layers");
        List<String> out = new ArrayList<>();
        for (Object o : (List<Object>) layers) {
            String cls = (String) ((Map<String, Object>) o).get("class_name");
            if (!cls.equals("InputLayer")) out.add(LegacyConfigs.className(cls));
        }
        return out;
    }
}
