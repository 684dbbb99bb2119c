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
 * {@code predictions/} (or, in a file without them, {@code outputs/}) within 1e-5 absolute or 1e-4
 * relative. Where a file has both, {@code outputs/} are the training targets, not the model's
 * outputs (in the six recurrent cases, regressions towards {@code y ~ x}, they differ from the
 * predictions by far more than the tolerance). A case whose model needs a layer class
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
            // "outputs" holds the training targets (y), "predictions" what Keras's model gave for
            // "inputs" (Deeplearning4j's KerasModelEndToEndTest reads them so); a file without
            // "predictions" has its model's outputs under "outputs".
            boolean hasPredictions = h.getChildren().containsKey("predictions");
            NDArray expected = name.equals(TARGETS_ONLY)
                    ? oneStepLstmDense(dir.resolve(name + "_model.h5"), only(h, "inputs", io.length, name))
                    : only(h, hasPredictions ? "predictions" : "outputs", io.length, name);
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

    /**
     * The one file whose {@code outputs/} are training targets and that has no {@code predictions/}
     * (Deeplearning4j's own end-to-end test loads it with checkPredictions=false): Keras 2.0.6's
     * {@code LSTM(50, recurrent_activation="hard_sigmoid")} on one timestep, then {@code Dense(1)}.
     * Its expected output is {@link #oneStepLstmDense}, computed here from the file's raw datasets.
     */
    static final String TARGETS_ONLY = "simple_lstm/simple_lstm_tf_keras_2";

    /**
     * An independent forward pass of that model, straight from Keras 2's formulas and weight layout
     * (kernel {@code (in, 4u)}, gates in the order i, f, c, o): with zero initial state and one step,
     * {@code c = i * tanh(z_c)} and {@code h = o * tanh(c)}, where {@code z = x W + b} and the gates use
     * Keras 2's hard sigmoid {@code clip(0.2 z + 0.5, 0, 1)}; then {@code y = h W_d + b_d}.
     */
    static NDArray oneStepLstmDense(Path model, NDArray x) throws Exception {
        byte[] bytes = Files.readAllBytes(model);
        try (HdfFile h = H5.open(bytes, model.toString())) {
            Group w = H5.group(h, "model_weights", "m");
            H5.Array k = WeightsFile.dataset(w, "lstm_1/lstm_1/kernel:0", bytes.length, "m");
            H5.Array b = WeightsFile.dataset(w, "lstm_1/lstm_1/bias:0", bytes.length, "m");
            H5.Array dk = WeightsFile.dataset(w, "dense_1/dense_1/kernel:0", bytes.length, "m");
            H5.Array db = WeightsFile.dataset(w, "dense_1/dense_1/bias:0", bytes.length, "m");
            int n = x.shape()[0], u = k.shape[1] / 4;
            assertTrue(x.shape()[1] == 1 && x.shape()[2] == 1 && k.shape[0] == 1, "one step, one feature");
            float[] xs = x.toFloatArray(), y = new float[n];
            for (int s = 0; s < n; s++) {
                double out = db.data[0];
                for (int j = 0; j < u; j++) {
                    double zi = xs[s] * k.data[j] + b.data[j];
                    double zc = xs[s] * k.data[2 * u + j] + b.data[2 * u + j];
                    double zo = xs[s] * k.data[3 * u + j] + b.data[3 * u + j];
                    double c = hardSigmoid2(zi) * Math.tanh(zc);
                    out += hardSigmoid2(zo) * Math.tanh(c) * dk.data[j];
                }
                y[s] = (float) out;
            }
            return NDArray.of(y, n, 1);
        }
    }

    private static double hardSigmoid2(double z) {
        return Math.min(Math.max(0.2 * z + 0.5, 0), 1);
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
