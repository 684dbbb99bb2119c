package io.keras4j.bench;

import io.keras4j.NDArray;
import io.keras4j.callbacks.Callback;
import io.keras4j.layers.Conv2D;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Dropout;
import io.keras4j.layers.Flatten;
import io.keras4j.layers.MaxPooling2D;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.utils.Utils;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code EndToEnd cnn}: Keras's MNIST convnet (Conv2D 32 3x3 relu, MaxPooling2D, Conv2D 64 3x3
 * relu, MaxPooling2D, Flatten, Dropout 0.5, Dense 10 softmax; Adam, sparse categorical
 * cross-entropy) timed as {@code ../shared/bench/cnn_torch.py} and the DJL/DL4J peers time it: the
 * training step at batch 128 on uniform random images and random labels, 5 warm-up steps, then
 * {@code runs} repetitions of 10 steps, the median step of each and the median of those; and
 * inference (predict, softmax included) of a batch of 128, median of 10 after 5. Each repetition
 * is one epoch of a {@code fit} over the same 10 batches, timed step by step with a callback
 * (from the batch's begin to its end: the step, its loss and metrics, not fit's one-off setup).
 * Prints {@code RESULT cnn_ms_per_step}, {@code RESULT cnn_infer_batch128_ms}.
 */
final class Cnn {
    static final int B = 128, STEPS = 10;

    private Cnn() {}

    /** The convnet of {@code MnistConvnet}, compiled with Adam and sparse categorical cross-entropy. */
    static Sequential model() {
        Sequential model = new Sequential();
        model.add(new Conv2D(32, 3, "relu").inputShape(28, 28, 1));
        model.add(new MaxPooling2D(2));
        model.add(new Conv2D(64, 3, "relu"));
        model.add(new MaxPooling2D(2));
        model.add(new Flatten());
        model.add(new Dropout(0.5));
        model.add(new Dense(10, "softmax"));
        model.compile(new Adam(), "sparse_categorical_crossentropy");
        return model;
    }

    static void run(int runs) {
        Utils.setRandomSeed(0);
        SplittableRandom rnd = new SplittableRandom(7);
        int n = B * STEPS;
        float[] xs = new float[n * 28 * 28];
        for (int i = 0; i < xs.length; i++) xs[i] = (float) rnd.nextDouble();
        float[] ys = new float[n];
        for (int i = 0; i < n; i++) ys[i] = rnd.nextInt(10);
        NDArray x = NDArray.of(xs, n, 28, 28, 1), y = NDArray.of(ys, n);
        Sequential model = model();
        model.fit(x.rows(0, B * 5), y.rows(0, B * 5), new FitOptions().epochs(1).batchSize(B).shuffle(false).verbose(0)); // 5 warm-up steps

        double[] perRun = new double[runs];
        double[] steps = new double[STEPS];
        Callback timer = new Callback() {
            private long t0;

            @Override
            public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
                t0 = System.nanoTime();
            }

            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                steps[batch] = (System.nanoTime() - t0) / 1e6;
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                perRun[epoch] = EndToEnd.median(steps);
                System.out.printf("RESULT cnn_run_%d_ms_per_step %.2f loss %.4f%n", epoch, perRun[epoch], logs.get("loss"));
            }
        };
        model.fit(x, y, new FitOptions().epochs(runs).batchSize(B).shuffle(false).verbose(0).callbacks(timer));
        System.out.printf("RESULT cnn_ms_per_step %.2f%n", EndToEnd.median(perRun));
        System.out.printf("RESULT cnn_samples_per_s %.0f%n", B * 1000 / EndToEnd.median(perRun));

        NDArray batch = x.rows(0, B);
        for (int i = 0; i < 5; i++) model.predict(batch);
        double[] inf = new double[10];
        for (int i = 0; i < inf.length; i++) {
            long a = System.nanoTime();
            model.predict(batch);
            inf[i] = (System.nanoTime() - a) / 1e6;
        }
        System.out.printf("RESULT cnn_infer_batch128_ms %.2f%n", EndToEnd.median(inf));
    }
}
