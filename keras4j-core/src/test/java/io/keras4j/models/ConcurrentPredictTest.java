package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.optimizers.Adam;
import io.keras4j.utils.Utils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The defect of issue 17: eight threads calling {@code predict} on one trained model, single rows
 * and batches of 7, 1,500 calls each. Every answer must be bitwise the one a single caller gets.
 * The model is wide enough (100 -> 512) that the batches of 7 go through the parallel GEMM and
 * the single rows through the few-rows path with its packed weights and zero skipping.
 */
class ConcurrentPredictTest {
    static final int IN = 100;

    static Sequential trainedWide() {
        Utils.setRandomSeed(17);
        Sequential model = new Sequential();
        model.add(new Dense(512, "relu").inputDim(IN));
        model.add(new Dense(3, "softmax"));
        model.compile(new Adam(), "categorical_crossentropy");
        SplittableRandom r = new SplittableRandom(3);
        int n = 64;
        float[] x = new float[n * IN], y = new float[n * 3];
        for (int i = 0; i < x.length; i++) x[i] = r.nextInt(4) == 0 ? 0f : (float) r.nextGaussian();
        for (int i = 0; i < n; i++) y[i * 3 + r.nextInt(3)] = 1f;
        model.fit(NDArray.of(x, n, IN), NDArray.of(y, n, 3), new FitOptions().epochs(2).batchSize(16).verbose(0));
        return model;
    }

    /** Input {@code i} of a fixed set: {@code rows} rows, a quarter of the values 0 (as after a ReLU). */
    static NDArray input(int i, int rows, int in) {
        SplittableRandom r = new SplittableRandom(1000 + i);
        float[] x = new float[rows * in];
        for (int p = 0; p < x.length; p++) x[p] = r.nextInt(4) == 0 ? 0f : (float) r.nextGaussian();
        return NDArray.of(x, rows, in);
    }

    @Test
    void eightThreadsGetTheSerialAnswers() throws Exception {
        Sequential model = trainedWide();
        int distinct = 40;
        NDArray[] xs = new NDArray[distinct];
        float[][] expected = new float[distinct][];
        for (int i = 0; i < distinct; i++) {
            xs[i] = input(i, i % 2 == 0 ? 1 : 7, IN);
            expected[i] = model.predict(xs[i]).toFloatArray();
        }
        int threads = 8, calls = 1500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                Callable<Integer> job = () -> {
                    int bad = 0;
                    for (int c = 0; c < calls; c++) {
                        int i = (seed * 7 + c) % distinct;
                        if (!Arrays.equals(expected[i], model.predict(xs[i]).toFloatArray())) bad++;
                    }
                    return bad;
                };
                wrong.add(pool.submit(job));
            }
            int bad = 0;
            for (Future<Integer> f : wrong) bad += f.get(120, TimeUnit.SECONDS);
            assertEquals(0, bad, "wrong answers of " + threads * calls);
        } finally {
            pool.shutdownNow();
        }
    }
}
