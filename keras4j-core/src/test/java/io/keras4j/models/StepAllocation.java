package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keras4j.NDArray;
import io.keras4j.metrics.Metric;
import io.keras4j.metrics.Metrics;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

/**
 * What training steps allocate once warmed up, for the allocation tests: the step (gather, forward,
 * metrics, backward, update) must allocate nothing after the first batches.
 */
final class StepAllocation {
    private StepAllocation() {}

    private static com.sun.management.ThreadMXBean bean() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled());
        return bean;
    }

    /** Epochs of {@code model}'s training steps over {@code (x, y)} in batches, with "accuracy" as the metric. */
    static void assertNone(Sequential model, NDArray x, NDArray y, int batch) {
        assertNone(model, x, y, batch, null);
    }

    /** As {@link #assertNone(Sequential, NDArray, NDArray, int)} with these metrics (null: "accuracy"). */
    static void assertNone(Sequential model, NDArray x, NDArray y, int batch, List<Metric> metrics) {
        bean();
        Executable e = trainPlan(model, x, y, batch);
        List<Metric> ms = metrics != null ? metrics : List.of(Metrics.get("accuracy", y.shape(), e.pred.shape()));
        Trainer t = new Trainer(model);
        float[] xs = x.toFloatArray(), ys = y.toFloatArray();
        int n = x.shape()[0], xRow = xs.length / n, yRow = ys.length / n;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = n - 1 - i;
        assertNone(() -> {
            for (int s = 0; s < n; s += batch) t.trainStep(e, xs, ys, xRow, yRow, order, s, Math.min(batch, n - s), ms);
        });
    }

    /** The model built for {@code x} and its training plan for batches of {@code batch}. */
    static Executable trainPlan(Sequential model, NDArray x, NDArray y, int batch) {
        model.ensureBuilt(Arrays.copyOfRange(x.shape(), 1, x.ndim()));
        return model.executable(Executable.Mode.TRAIN, batch, Arrays.copyOfRange(y.shape(), 1, y.ndim()));
    }

    /**
     * Runs {@code epoch} in rounds of 20 until a round allocates nothing, and fails if none does.
     * Warm-up until the JIT has compiled the step (interpreted and C1 code box vectors); bounded by
     * time, not by rounds: after the other tests, C2's queue can hold the step's vector kernels back
     * for longer than 60 rounds take (seen twice: 60 rounds in 0.3 s, each step allocating what the
     * C1-compiled ReLU backward boxes). A step that allocates by design never gets to 0.
     */
    static void assertNone(Runnable epoch) {
        var bean = bean();
        long overhead = bean.getCurrentThreadAllocatedBytes();
        overhead = bean.getCurrentThreadAllocatedBytes() - overhead;
        long used = -1, deadline = System.nanoTime() + 30_000_000_000L;
        for (int round = 0; (round < 60 || System.nanoTime() < deadline) && used != 0; round++) {
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20; i++) epoch.run();
            used = bean.getCurrentThreadAllocatedBytes() - before - overhead;
        }
        assertEquals(0, used, "bytes allocated by 20 epochs of training steps after warm-up");
    }
}
