package io.keras4j.models;

import io.keras4j.callbacks.Callback;
import io.keras4j.engine.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.StampedLock;

/**
 * The inference loops: the test loop of {@code evaluate} and of validation, and the loop of
 * {@code predict}. Each runs on an inference plan of the caller's own (from the model's
 * {@link ExecutablePool}), on weights of one whole optimizer step ({@link #forwardOneStep}), so
 * any number of threads may call them at once.
 */
final class TestLoop {
    private TestLoop() {}

    /** Loss and metrics over {@code d} in batches of {@code batch}, with the test hooks; the logs sorted by name. */
    static Map<String, Double> test(Functional model, ModelData d, int batch, List<Callback> callbacks) {
        int n = d.n(), chunk = Math.min(batch, n), outs = d.ys().size();
        CompiledMetrics metrics = new CompiledMetrics(model, d.yShapes());
        for (Callback c : callbacks) c.onTestBegin(new LinkedHashMap<>());
        double lossSum = 0;
        double[] outSums = new double[outs];
        Executable e = model.acquire(Executable.Mode.EVAL, chunk, d.yRows());
        try {
            e.weighted(d.sw() != null);
            int step = 0;
            for (int start = 0; start < n; start += chunk, step++) {
                for (Callback c : callbacks) c.onTestBatchBegin(step, Map.of());
                int rows = Math.min(chunk, n - start);
                for (int i = 0; i < d.xs().size(); i++) copy(d.xs().get(i), n, start, rows, e.xs.get(i));
                for (int i = 0; i < outs; i++) copy(d.ys().get(i), n, start, rows, e.ys.get(i));
                if (d.sw() != null) System.arraycopy(d.sw(), start, e.sw.data, 0, rows);
                forwardOneStep(model, e, rows);
                lossSum += (double) TrainStep.value(e.loss) * rows;
                for (int i = 0; i < outs; i++) outSums[i] += (double) TrainStep.value(e.outputLosses.get(i)) * rows;
                TrainStep.updateMetrics(e, rows, metrics.perOutput);
                if (!callbacks.isEmpty()) {
                    Map<String, Double> logs = metrics.logs(lossSum, outSums, start + rows);
                    for (Callback c : callbacks) c.onTestBatchEnd(step, logs);
                }
            }
        } finally {
            ExecutablePool.release(e);
        }
        Map<String, Double> logs = CompiledMetrics.sorted(metrics.logs(lossSum, outSums, n));
        for (Callback c : callbacks) c.onTestEnd(logs);
        return logs;
    }

    /**
     * Every output for inputs {@code xs} ({@code n} rows each) in chunks of {@code chunk} rows,
     * with the predict hooks ({@code callbacks} empty for none).
     */
    static List<float[]> predict(Functional model, List<float[]> xs, int n, int chunk, List<Callback> callbacks) {
        List<float[]> outs = new ArrayList<>();
        for (int[] s : model.outputShapes()) outs.add(new float[n * ModelData.size(s)]);
        if (n == 0) return outs;
        chunk = Math.min(chunk, n);
        Executable e = model.acquire(Executable.Mode.PREDICT, chunk, null); // this caller's own plan
        try {
            for (Callback c : callbacks) c.onPredictBegin(new LinkedHashMap<>());
            int step = 0;
            for (int start = 0; start < n; start += chunk, step++) {
                for (Callback c : callbacks) c.onPredictBatchBegin(step, Map.of());
                int rows = Math.min(chunk, n - start);
                for (int i = 0; i < xs.size(); i++) copy(xs.get(i), n, start, rows, e.xs.get(i));
                forwardOneStep(model, e, rows);
                for (int i = 0; i < outs.size(); i++) {
                    Tensor p = e.preds.get(i);
                    int r = p.rowSize();
                    System.arraycopy(p.data, p.off, outs.get(i), start * r, rows * r);
                }
                for (Callback c : callbacks) c.onPredictBatchEnd(step, Map.of());
            }
            for (Callback c : callbacks) c.onPredictEnd(new LinkedHashMap<>());
        } finally {
            ExecutablePool.release(e);
        }
        return outs;
    }

    private static void copy(float[] src, int n, int start, int rows, Tensor dst) {
        int row = src.length / n;
        System.arraycopy(src, start * row, dst.data, 0, rows * row);
    }

    /**
     * Runs an inference plan on weights of one whole step: optimistically without a lock (no write
     * to shared memory, so concurrent callers do not slow each other), and again under the read
     * lock when a weight update overlapped it (the update waits for that run).
     */
    static void forwardOneStep(Functional model, Executable e, int rows) {
        StampedLock lock = model.weightArena().lock();
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0) {
            try {
                e.plan.forward(rows);
                if (lock.validate(stamp)) return;
            } catch (RuntimeException torn) {
                if (lock.validate(stamp)) throw torn; // a failure of its own, not of weights read mid-update
            }
        }
        stamp = lock.readLock();
        try {
            e.plan.forward(rows);
        } finally {
            lock.unlockRead(stamp);
        }
    }
}
