package io.keras4j.spark;

import static io.keras4j.models.ReferenceRun.closeAll;
import static io.keras4j.spark.SparkTestSupport.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.ReferenceRun;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Averaging mode. Two cases have a closed answer: one partition is exactly {@code fit} (nothing
 * to average), and two partitions holding the same rows train identical copies, whose average
 * is again that {@code fit}, optimizer state included (the second epoch continues from the
 * averaged Adam moments).
 */
class AveragingFitTest {
    private static final int N = 60, D = 4, C = 3;

    private static NDArray x(int copies) {
        float[] x = new float[copies * N * D];
        for (int c = 0; c < copies; c++) {
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < D; j++) x[(c * N + i) * D + j] = (float) Math.sin(i * 0.37 + j * 1.3) + (i % C == j ? 1f : 0f);
            }
        }
        return NDArray.of(x, copies * N, D);
    }

    private static NDArray y(int copies) {
        float[] y = new float[copies * N * C];
        for (int c = 0; c < copies; c++) for (int i = 0; i < N; i++) y[(c * N + i) * C + i % C] = 1;
        return NDArray.of(y, copies * N, C);
    }

    private static Sequential model(List<NDArray> init) {
        Sequential m = new Sequential(new Dense(6, "tanh").inputDim(D), new Dense(C, "softmax"));
        m.compile(new Adam().learningRate(0.05), "categorical_crossentropy", "accuracy");
        if (init != null) m.setWeights(init);
        return m;
    }

    private static void check(int copies) {
        Sequential local = model(null);
        Sequential dist = model(local.getWeights());
        FitOptions o = new FitOptions().epochs(2).batchSize(8).shuffle(false).verbose(0);
        History h1 = local.fit(x(1), y(1), o);
        History h2 = new SparkModel(dist).mode("averaging").averagingFrequency(3)
                .fit(frame(x(copies), y(copies), copies), "features", "label", o);
        for (String k : List.of("loss", "accuracy")) {
            List<Double> a = h1.history().get(k), b = h2.history().get(k);
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) ReferenceRun.close(a.get(i), b.get(i), 1e-4, 1e-6, k + " " + i);
        }
        List<NDArray> w1 = local.getWeights(), w2 = dist.getWeights();
        for (int i = 0; i < w1.size(); i++) closeAll(w1.get(i).toFloatArray(), w2.get(i).toFloatArray(), 1e-3, 1e-5, "weight " + i);
        assertEquals(local.getOptimizer().iterations(), dist.getOptimizer().iterations());
    }

    @Test
    void onePartitionIsFit() {
        check(1);
    }

    @Test
    void twoPartitionsOfTheSameRowsAverageToFit() {
        check(2);
    }

    @Test
    void averagingLearnsOverThreeShuffledPartitions() {
        Sequential m = model(null);
        History h = new SparkModel(m).mode("averaging").averagingFrequency(2)
                .fit(frame(x(1), y(1), 3), "features", "label", new FitOptions().epochs(6).batchSize(5).verbose(0));
        List<Double> loss = h.history().get("loss");
        assertEquals(6, loss.size());
        assertTrue(loss.get(5) < 0.7 * loss.get(0), "loss falls: " + loss);
    }
}
