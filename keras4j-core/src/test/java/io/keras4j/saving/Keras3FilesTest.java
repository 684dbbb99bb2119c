package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.datasets.Mnist;
import io.keras4j.layers.Layers;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The five MNIST models written by real Keras 3 in {@code ../shared/keras-compat/keras3/} (used in
 * place: their licences are unknown, so they are not copied; the test skips when the folder is
 * absent): each loads, and classifies the 2,000 mnist-10k test digits with at least 98% accuracy
 * (inputs scaled to [0, 1], except the Adiraj001 CNN, trained on raw 0-255 pixels), as the
 * folder's README says; each file's accuracy is printed. A model needing a layer keras4j lacks
 * yet is skipped, naming the class (none does now: all five load as full models).
 */
class Keras3FilesTest {
    static Path folder() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("shared/keras-compat/keras3");
            if (Files.isDirectory(f)) return f;
            Path g = p.resolve("../shared/keras-compat/keras3").normalize();
            if (Files.isDirectory(g)) return g;
        }
        return null;
    }

    static Stream<String> files() throws Exception {
        Path f = folder();
        if (f == null) return Stream.of("(keras-compat/keras3 absent)");
        try (Stream<Path> s = Files.list(f)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".keras") || n.endsWith(".h5")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void loadsAndClassifiesMnist(String name) throws Exception {
        Path f = folder();
        Assumptions.assumeTrue(f != null, "../shared/keras-compat/keras3 is absent");
        Path file = f.resolve(name);
        for (String cls : layerClasses(Files.readAllBytes(file))) {
            Assumptions.assumeTrue(Layers.isKnown(cls), "needs layer class " + cls + ", not in keras4j yet");
        }
        Model m = Models.loadModel(file);
        Mnist.Data d = Mnist.loadData(Path.of(Keras3FilesTest.class.getResource("/mnist-10k/t10k-labels-idx1-ubyte.gz").toURI()).getParent());
        NDArray x = d.xTest(), y = d.yTest();
        boolean raw = name.startsWith("Adiraj001");
        float[] px = x.toFloatArray();
        if (!raw) for (int i = 0; i < px.length; i++) px[i] /= 255f;
        int[] inShape = inputShape(m, x.shape());
        NDArray pred = m.predict(NDArray.of(px, inShape));
        float[] labels = y.toFloatArray(), argmax = pred.argmax(1).toFloatArray();
        int right = 0;
        for (int i = 0; i < labels.length; i++) if (argmax[i] == labels[i]) right++;
        double acc = right / (double) labels.length;
        System.out.printf(java.util.Locale.ROOT, "Keras3FilesTest: %s: %d of %d test digits right, accuracy %.2f %%%n",
                name, right, labels.length, 100 * acc);
        assertTrue(acc >= 0.98, name + ": accuracy " + acc + " on " + labels.length + " test digits");
    }

    private static int[] inputShape(Model m, int[] xShape) {
        int[] declared = ((io.keras4j.models.Sequential) m).inputShape();
        int[] s = new int[declared.length + 1];
        s[0] = xShape[0];
        System.arraycopy(declared, 0, s, 1, declared.length);
        return s;
    }

    /** The layer class names a file's config names (read without building anything). */
    static List<String> layerClasses(byte[] bytes) throws Exception {
        String config;
        if (bytes[0] == 'P') {
            try (java.util.zip.ZipInputStream z = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(bytes))) {
                java.util.zip.ZipEntry e;
                do {
                    e = z.getNextEntry();
                } while (!e.getName().equals("config.json"));
                config = new String(z.readAllBytes(), StandardCharsets.UTF_8);
            }
        } else {
            try (io.jhdf.HdfFile h = H5.open(bytes, "h5")) {
                config = H5.stringAttribute(h, "model_config", bytes.length, "h5");
            }
        }
        return LegacyH5ConformanceTest.layerClasses(Json.parseObject(config, "config"));
    }
}
