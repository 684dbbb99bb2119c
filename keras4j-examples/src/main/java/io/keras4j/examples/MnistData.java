package io.keras4j.examples;

import io.keras4j.NDArray;
import io.keras4j.datasets.Mnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MNIST digits the examples train on: the 10,000 real digits shipped with the project
 * (8,000 train, 2,000 test; see {@code src/main/resources/mnist-10k/README.md}), or the four standard IDX files in
 * the folder named by {@code -Dkeras4j.mnist=DIR} (the full 70,000 of Keras's
 * {@code mnist.load_data()} work the same).
 */
final class MnistData {
    private MnistData() {}

    /** {@code (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()}. */
    static Mnist.Data load() throws IOException {
        String dir = System.getProperty("keras4j.mnist");
        if (dir != null) return Mnist.loadData(Path.of(dir));
        for (String candidate : new String[] {"src/main/resources/mnist-10k", "keras4j-examples/src/main/resources/mnist-10k"}) {
            Path p = Path.of(candidate);
            if (Files.isDirectory(p)) return Mnist.loadData(p);
        }
        throw new IOException("MNIST digits not found: run from the repository root or keras4j-examples, "
                + "or give -Dkeras4j.mnist=DIR with the four IDX files");
    }

    /** {@code x.astype("float32") / 255}, reshaped to {@code shape} (the batch first). */
    static NDArray scaled(NDArray x, int... shape) {
        float[] v = x.toFloatArray();
        for (int i = 0; i < v.length; i++) v[i] /= 255f;
        return NDArray.of(v, shape);
    }

    /** The fraction of rows whose predicted class (argmax) is the label. */
    static double accuracy(NDArray probabilities, NDArray labels) {
        NDArray predicted = probabilities.argmax(1);
        int n = labels.shape()[0], hits = 0;
        for (int i = 0; i < n; i++) if (predicted.get(i) == labels.get(i)) hits++;
        return (double) hits / n;
    }
}
