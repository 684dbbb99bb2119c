package io.keras4j.bench;

import io.keras4j.NDArray;
import io.keras4j.callbacks.Callback;
import io.keras4j.datasets.Mnist;
import io.keras4j.engine.kernels.KernelsProvider;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The workloads of the shared peer benchmarks (../shared/bench), through keras4j's public API,
 * timed as the peers time them. Prints {@code RESULT key value} lines, as the peer programs do.
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... io.keras4j.bench.EndToEnd xor|mlp|cnn|rnn [runs]
 * </pre>
 */
public final class EndToEnd {

    private EndToEnd() {}

    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "xor";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.println("RESULT kernels " + KernelsProvider.get().name().replace(' ', '_'));
        switch (which) {
            case "xor": xor(runs); break;
            case "mlp": mlp(runs); break;
            case "cnn": Cnn.run(runs); break;
            case "rnn": RnnWorkload.run(runs); break;
            default: throw new IllegalArgumentException("workload must be xor, mlp, cnn or rnn, got " + which);
        }
    }

    static double median(double[] a) {
        double[] b = a.clone();
        Arrays.sort(b);
        return b.length % 2 == 1 ? b[b.length / 2] : 0.5 * (b[b.length / 2 - 1] + b[b.length / 2]);
    }

    static NDArray xorLabels(NDArray x) {
        int n = x.shape()[0];
        float[] y = new float[n * 2];
        for (int i = 0; i < n; i++) y[i * 2 + (x.get(i, 0) * x.get(i, 1) > 0 ? 0 : 1)] = 1f;
        return NDArray.of(y, n, 2);
    }

    /** The seed notebook: 200 epochs of batch 100 over 10,000 points; each run in a fresh model. */
    static void xor(int runs) {
        double[] secs = new double[runs];
        double acc = 0;
        Sequential model = null;
        NDArray xTest = null;
        for (int r = 0; r < runs; r++) {
            Utils.setRandomSeed(r);
            model = new Sequential();
            model.add(new Dense(4, "relu").inputDim(2));
            model.add(new Dense(4, "relu"));
            model.add(new Dense(2, "softmax"));
            model.compile(new SGD().decay(0.001).momentum(0.99), "binary_crossentropy", "accuracy");
            NDArray x = NDArray.randn(10000, 2), y = xorLabels(x);
            long t0 = System.nanoTime();
            model.fit(x, y, new FitOptions().epochs(200).batchSize(100).verbose(0));
            secs[r] = (System.nanoTime() - t0) / 1e9;
            xTest = NDArray.randn(5000, 2);
            NDArray p = model.predict(xTest).argmax(1), t = xorLabels(xTest).argmax(1);
            int ok = 0;
            for (int i = 0; i < 5000; i++) if (p.get(i) == t.get(i)) ok++;
            acc = ok / 5000.0;
            System.out.printf("RESULT xor_run_%d_train_s %.3f test_acc %.4f%n", r, secs[r], acc);
        }
        System.out.printf("RESULT xor_train_s %.3f%n", median(secs));
        System.out.printf("RESULT xor_steps_per_s %.0f%n", 20000 / median(secs));
        System.out.printf("RESULT xor_single_predict_us %.2f%n", singlePredictUs(model, xTest.rows(0, 1)));
    }

    /** The MNIST-shaped MLP 784-512-512-10, Adam, batch 128, one epoch of 60,000 synthetic samples. */
    static void mlp(int runs) {
        Utils.setRandomSeed(0);
        int n = 60000;
        float[] xs = new float[n * 784];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(0);
        for (int i = 0; i < xs.length; i++) xs[i] = (float) rnd.nextDouble();
        float[] ys = new float[n];
        for (int i = 0; i < n; i++) ys[i] = rnd.nextInt(10);
        NDArray x = NDArray.of(xs, n, 784), y = NDArray.of(ys, n);
        Sequential model = mlpModel();
        model.fit(x, y, new FitOptions().epochs(1).batchSize(128).verbose(0)); // warm-up epoch, as the peers do
        // then one fit of `runs` epochs, each timed by a callback: as the peers' epoch loops, this
        // leaves out fit's one-off conversion of the 188 MB input
        double[] secs = new double[runs];
        Callback timer = new Callback() {
            private long t0;

            @Override
            public void onEpochBegin(int epoch, Map<String, Double> logs) {
                t0 = System.nanoTime();
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                secs[epoch] = (System.nanoTime() - t0) / 1e9;
                System.out.printf("RESULT mlp_run_%d_epoch_s %.3f loss %.4f%n", epoch, secs[epoch], logs.get("loss"));
            }
        };
        model.fit(x, y, new FitOptions().epochs(runs).batchSize(128).verbose(0).callbacks(timer));
        int steps = (n + 127) / 128;
        System.out.printf("RESULT mlp_epoch_s %.3f%n", median(secs));
        System.out.printf("RESULT mlp_ms_per_step %.3f%n", median(secs) * 1000 / steps);
        System.out.printf("RESULT mlp_single_predict_us %.2f%n", singlePredictUs(model, x.rows(0, 1)));
        System.out.printf("RESULT mlp_weights_read_floor_us %.2f%n", ReadFloor.microseconds(allWeights(model)));
        String mnist = System.getProperty("keras4j.mnist");
        if (mnist != null) System.out.printf("RESULT mlp_mnist_digit_predict_us %.2f%n", digitPredictUs(Path.of(mnist)));
    }

    /**
     * Single-sample predict as a Keras user's MNIST MLP sees it: the same network trained one
     * epoch on the MNIST digits in {@code dir}, then each call one of the test digits in turn (a
     * digit's blank pixels are zeros, as are a ReLU's negative outputs: the inputs decide which
     * weights a call reads). The median over 5,000 calls.
     */
    static double digitPredictUs(Path dir) {
        Mnist.Data d;
        try {
            d = Mnist.loadData(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Utils.setRandomSeed(0);
        Sequential model = mlpModel();
        NDArray xTrain = pixels(d.xTrain());
        model.fit(xTrain, d.yTrain(), new FitOptions().epochs(1).batchSize(128).verbose(0));
        NDArray xTest = pixels(d.xTest());
        int n = xTest.shape()[0];
        NDArray[] digits = new NDArray[n];
        for (int i = 0; i < n; i++) digits[i] = xTest.rows(i, i + 1);
        return singlePredictUs(model, digits);
    }

    /** 784-512-512-10 with ReLUs and a softmax, Adam, sparse categorical cross-entropy. */
    static Sequential mlpModel() {
        Sequential model = new Sequential();
        model.add(new Dense(512, "relu").inputDim(784));
        model.add(new Dense(512, "relu"));
        model.add(new Dense(10, "softmax"));
        model.compile(new Adam(), "sparse_categorical_crossentropy");
        return model;
    }

    /** The model's weights, one after the other in one array. */
    static float[] allWeights(Sequential model) {
        return model.getWeights().stream().map(NDArray::toFloatArray).reduce(new float[0], (a, b) -> {
            float[] c = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        });
    }

    /** Images as rows of 784 values in [0, 1]. */
    static NDArray pixels(NDArray images) {
        float[] v = images.toFloatArray();
        for (int i = 0; i < v.length; i++) v[i] /= 255f;
        return NDArray.of(v, v.length / 784, 784);
    }

    /** Median microseconds of a single-sample predict over 5,000 calls after 20,000, the inputs taken in turn. */
    static double singlePredictUs(Sequential model, NDArray... inputs) {
        for (int i = 0; i < 20000; i++) model.predict(inputs[i % inputs.length]);
        double[] t = new double[5000];
        for (int i = 0; i < t.length; i++) {
            NDArray x1 = inputs[i % inputs.length];
            long a = System.nanoTime();
            model.predict(x1);
            t[i] = (System.nanoTime() - a) / 1e3;
        }
        return median(t);
    }
}
