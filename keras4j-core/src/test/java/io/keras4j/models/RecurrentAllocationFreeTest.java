package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keras4j.NDArray;
import io.keras4j.layers.Bidirectional;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Embedding;
import io.keras4j.layers.GRU;
import io.keras4j.layers.LSTM;
import io.keras4j.layers.RepeatVector;
import io.keras4j.layers.SimpleRNN;
import io.keras4j.layers.TimeDistributed;
import io.keras4j.metrics.Metric;
import io.keras4j.optimizers.Adam;
import io.keras4j.utils.Utils;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A training step of models with recurrent layers allocates nothing after the first batches (as AllocationFreeStepTest). */
class RecurrentAllocationFreeTest {

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static void assertNoAllocation(Sequential model, NDArray x, NDArray y, int batch) {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled());
        model.ensureBuilt(Arrays.copyOfRange(x.shape(), 1, x.ndim()));
        Trainer t = new Trainer(model);
        int[] yRow = Arrays.copyOfRange(y.shape(), 1, y.ndim());
        Executable e = model.executable(Executable.Mode.TRAIN, batch, yRow);
        List<Metric> metrics = List.of();
        float[] xs = x.toFloatArray(), ys = y.toFloatArray();
        int n = x.shape()[0], xRow = xs.length / n, yr = ys.length / n;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = n - 1 - i;
        Runnable epoch = () -> {
            for (int s = 0; s < n; s += batch) t.trainStep(e, xs, ys, xRow, yr, order, s, Math.min(batch, n - s), metrics);
        };
        long overhead = allocated();
        overhead = allocated() - overhead;
        long used = -1, deadline = System.nanoTime() + 30_000_000_000L;
        for (int round = 0; (round < 60 || System.nanoTime() < deadline) && used != 0; round++) {
            long before = allocated();
            for (int i = 0; i < 10; i++) epoch.run();
            used = allocated() - before - overhead;
        }
        assertEquals(0, used, "bytes allocated by 10 epochs of training steps after warm-up");
    }

    @Test
    void stackedRecurrentModelStepAllocatesNothing() {
        Utils.setRandomSeed(4);
        NDArray x = NDArray.randn(50, 6, 3);
        NDArray y = NDArray.randn(50, 6, 2);
        Sequential m = new Sequential();
        m.add(new LSTM(5).returnSequences(true).dropout(0.2).recurrentDropout(0.2).inputShape(6, 3));
        m.add(new Bidirectional(new GRU(3).returnSequences(true)));
        m.add(new GRU(4).resetAfter(false).returnSequences(true));
        m.add(new SimpleRNN(4));
        m.add(new RepeatVector(6));
        m.add(new TimeDistributed(new Dense(2)));
        m.compile(new Adam(), "mse");
        assertNoAllocation(m, x, y, 16); // the last batch of 2 is smaller: buffers are sized for the capacity
    }

    @Test
    void embeddingModelStepAllocatesNothing() {
        Utils.setRandomSeed(5);
        float[] ids = new float[40 * 5];
        for (int i = 0; i < ids.length; i++) ids[i] = (i * 7) % 11;
        Sequential m = new Sequential();
        m.add(new Embedding(11, 4).inputShape(5));
        m.add(new LSTM(3));
        m.add(new Dense(2, "softmax"));
        m.compile(new Adam(), "categorical_crossentropy");
        float[] y = new float[80];
        for (int i = 0; i < 40; i++) y[i * 2 + i % 2] = 1;
        assertNoAllocation(m, NDArray.of(ids, 40, 5), NDArray.of(y, 40, 2), 8);
    }
}
