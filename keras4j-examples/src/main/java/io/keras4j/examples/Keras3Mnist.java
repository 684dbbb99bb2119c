package io.keras4j.examples;

import io.keras4j.NDArray;
import io.keras4j.datasets.Mnist;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import java.nio.file.Path;

/**
 * Loads an MNIST classifier saved by Keras 3 ({@code .keras}, or a Keras-3-written {@code .h5})
 * and prints its accuracy on the 2,000 test digits of mnist-10k:
 * <pre>
 * java ... io.keras4j.examples.Keras3Mnist model.keras [mnist-dir] [--raw]
 * </pre>
 * Pixels are scaled to [0, 1] unless {@code --raw} (for models trained on 0-255 pixels). The
 * default MNIST folder is the project's {@code keras4j-core/src/test/resources/mnist-10k}.
 */
public final class Keras3Mnist {
    private Keras3Mnist() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: Keras3Mnist model.keras [mnist-dir] [--raw]");
            System.exit(2);
        }
        boolean raw = false;
        Path mnist = Path.of("keras4j-core/src/test/resources/mnist-10k");
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--raw")) raw = true;
            else mnist = Path.of(args[i]);
        }
        Model m = Models.loadModel(Path.of(args[0]));
        m.summary();
        Mnist.Data d = Mnist.loadData(mnist);
        float[] px = d.xTest().toFloatArray();
        if (!raw) for (int i = 0; i < px.length; i++) px[i] /= 255f;
        int n = d.yTest().shape()[0];
        int[] in = ((Sequential) m).inputShape();
        int[] shape = new int[in.length + 1];
        shape[0] = n;
        System.arraycopy(in, 0, shape, 1, in.length);
        float[] pred = m.predict(NDArray.of(px, shape)).argmax(1).toFloatArray(), y = d.yTest().toFloatArray();
        int right = 0;
        for (int i = 0; i < n; i++) if (pred[i] == y[i]) right++;
        System.out.printf("Test accuracy: %.4f (%d of %d digits)%n", right / (double) n, right, n);
    }
}
