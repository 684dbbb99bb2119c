package io.keras4j.examples.serving;

import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.utils.Utils;
import java.util.SplittableRandom;

/**
 * The model the serving example serves until Keras files can be loaded: the MNIST-shaped MLP
 * (784-512-512-10, relu, relu, softmax, Adam), trained in-process for one epoch on synthetic
 * "images" (four fifths of the pixels 0, as MNIST's blank border) labelled by a fixed random
 * linear teacher, so it is a trained model with real weights, made in a second and without files.
 */
public final class DemoModel {
    public static final int PIXELS = 784;

    private DemoModel() {}

    /** {@code rows} synthetic images, deterministic in {@code seed}. */
    public static NDArray images(long seed, int rows) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[rows * PIXELS];
        for (int i = 0; i < x.length; i++) x[i] = r.nextInt(5) == 0 ? (float) r.nextDouble() : 0f;
        return NDArray.of(x, rows, PIXELS);
    }

    /** The MNIST MLP, 784-512-512-10, trained on 2,048 images. */
    public static Sequential trainedMlp() {
        return trainedMlp(512, 2048);
    }

    /** A 784-hidden-hidden-10 MLP trained on {@code n} images (tests use a small one). */
    public static Sequential trainedMlp(int hidden, int n) {
        Utils.setRandomSeed(0);
        NDArray x = images(1, n);
        float[] xs = x.toFloatArray();
        SplittableRandom r = new SplittableRandom(2);
        float[] teacher = new float[PIXELS * 10];
        for (int i = 0; i < teacher.length; i++) teacher[i] = (float) r.nextGaussian();
        float[] y = new float[n];
        for (int s = 0; s < n; s++) {
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 10; c++) {
                double score = 0;
                for (int p = 0; p < PIXELS; p++) score += xs[s * PIXELS + p] * teacher[p * 10 + c];
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            y[s] = best;
        }
        Sequential model = new Sequential();
        model.add(new Dense(hidden, "relu").inputDim(PIXELS));
        model.add(new Dense(hidden, "relu"));
        model.add(new Dense(10, "softmax"));
        model.compile(new Adam(), "sparse_categorical_crossentropy", "accuracy");
        model.fit(x, NDArray.of(y, n), new FitOptions().epochs(1).batchSize(128).verbose(0));
        return model;
    }
}
