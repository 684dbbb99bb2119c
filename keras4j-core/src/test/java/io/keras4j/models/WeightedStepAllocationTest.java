package io.keras4j.models;


import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.metrics.Metric;
import io.keras4j.metrics.Metrics;
import io.keras4j.optimizers.Adam;
import io.keras4j.utils.Utils;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A training step with per-sample weights and a frozen layer allocates nothing either (cf. {@link AllocationFreeStepTest}). */
class WeightedStepAllocationTest {

    @Test
    void weightedStepWithAFrozenLayerAllocatesNothing() {
        Utils.setRandomSeed(3);
        Sequential m = new Sequential(new Dense(16, "relu").inputDim(10), new Dense(8, "relu"), new Dense(4, "softmax"));
        m.layers().get(1).trainable(false);
        m.compile(new Adam(), "sparse_categorical_crossentropy", "accuracy");
        int n = 200, batch = 32;
        NDArray x = NDArray.randn(n, 10);
        float[] ys = new float[n], sw = new float[n];
        for (int i = 0; i < n; i++) {
            ys[i] = i % 4;
            sw[i] = 0.5f + (i % 3);
        }
        Trainer t = new Trainer(m);
        Executable e = StepAllocation.trainPlan(m, x, NDArray.of(ys, n), batch);
        e.weighted(true);
        List<Metric> metrics = List.of(Metrics.get("accuracy", new int[] {n}, e.pred.shape()));
        float[] xs = x.toFloatArray();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = (i * 7) % n;
        io.keras4j.engine.kernels.Kernels k = io.keras4j.engine.kernels.KernelsProvider.get();
        Runnable epoch = () -> {
            for (int s = 0; s < n; s += batch) {
                int rows = Math.min(batch, n - s);
                k.gatherRows(sw, 1, order, s, rows, e.sw.data);
                t.trainStep(e, xs, ys, 10, 1, order, s, rows, metrics);
            }
        };
        StepAllocation.assertNone(epoch);
    }
}
