package io.keras4j.models;

import io.keras4j.NDArray;
import io.keras4j.callbacks.Callback;
import io.keras4j.callbacks.History;
import io.keras4j.callbacks.ProgbarLogger;
import io.keras4j.engine.Rng;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.kernels.Kernels;
import io.keras4j.engine.kernels.KernelsProvider;
import io.keras4j.layers.Layer;
import io.keras4j.losses.Loss;
import io.keras4j.metrics.Metric;
import io.keras4j.metrics.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The loops of {@code fit}, {@code evaluate} and {@code predict} for a {@link Functional} model,
 * over lists of arrays (one per input, one per output). Step for step {@link Trainer}'s loop
 * (same shuffle, batches, plan, optimizer step and logs), so a one-input, one-output model trains
 * bit for bit as the same Sequential. Logs: {@code loss} (the weighted total with the layers'
 * added losses), and with several outputs {@code <output>_loss} (unweighted, as Keras records
 * it) and {@code <output>_<metric>}. Everything is checked before the model changes.
 */
final class FunctionalTrainer {
    private static final int PREDICT_CHUNK = 1024;
    private static final Kernels K = KernelsProvider.get();

    private final Functional model;

    FunctionalTrainer(Functional model) {
        this.model = model;
    }

    /** Arrays of a fit or evaluate: copies, checked; {@code yShapes} with the batch dimension. */
    private record Data(List<float[]> xs, List<float[]> ys, float[] sw, int n, List<int[]> yShapes) {
        Data slice(int from, int to) {
            List<float[]> x = new ArrayList<>(), y = new ArrayList<>();
            List<int[]> ysh = new ArrayList<>();
            for (float[] a : xs) x.add(Arrays.copyOfRange(a, from * (a.length / n), to * (a.length / n)));
            for (int i = 0; i < ys.size(); i++) {
                float[] a = ys.get(i);
                y.add(Arrays.copyOfRange(a, from * (a.length / n), to * (a.length / n)));
                int[] s = yShapes.get(i).clone();
                s[0] = to - from;
                ysh.add(s);
            }
            return new Data(x, y, sw == null ? null : Arrays.copyOfRange(sw, from, to), to - from, ysh);
        }
    }

    History fit(List<NDArray> xs, List<NDArray> ys, FitOptions o) {
        if (o == null) throw new IllegalArgumentException("FitOptions must not be null");
        requireCompiled("fit");
        if (o.stepsPerEpoch() != null) throw new IllegalArgumentException("fit: stepsPerEpoch is for fit over batches");
        if (o.classWeight() != null) throw new UnsupportedOperationException("fit: class_weight is not supported for functional models yet");
        Data d = data(xs, ys, o.sampleWeight(), "fit");
        Data val = null;
        if (o.validationX() != null) {
            val = data(List.of(o.validationX()), List.of(o.validationY()), o.validationSampleWeight(), "validation data");
        }
        Data train = d;
        if (val == null && o.validationSplit() > 0) {
            int nTrain = (int) Math.floor(d.n * (1.0 - o.validationSplit()));
            if (nTrain < 1 || d.n - nTrain < 1) {
                throw new IllegalArgumentException("validation_split=" + o.validationSplit() + " leaves " + nTrain
                        + " training and " + (d.n - nTrain) + " validation samples out of " + d.n);
            }
            train = d.slice(0, nTrain);
            val = d.slice(nTrain, d.n);
        }
        model.ready();
        return loop(train, o, val);
    }

    private History loop(Data d, FitOptions o, Data val) {
        int n = d.n, batch = Math.min(o.batchSize(), n), steps = (n + batch - 1) / batch;
        List<int[]> yRows = rows(d.yShapes);
        List<List<Metric>> metrics = metricsFor(d.yShapes);
        int outs = d.ys.size();
        int[] xRow = new int[d.xs.size()], yRow = new int[outs];
        for (int i = 0; i < xRow.length; i++) xRow[i] = d.xs.get(i).length / n;
        for (int i = 0; i < outs; i++) yRow[i] = d.ys.get(i).length / n;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        History history = new History();
        List<Callback> callbacks = new ArrayList<>(o.callbacks());
        callbacks.add(history);
        if (o.verbose() > 0) callbacks.add(new ProgbarLogger());
        Map<String, Object> params = Map.of("epochs", o.epochs(), "steps", steps, "verbose", o.verbose());
        for (Callback c : callbacks) {
            c.setModel(model);
            c.setParams(params);
        }
        boolean batchHooks = !o.callbacks().isEmpty() || o.verbose() == 1;
        Executable e = null;
        Layer[] constrained = model.allLayers().stream().filter(Layer::hasConstraints).toArray(Layer[]::new);
        model.setStopTraining(false);
        for (Callback c : callbacks) c.onTrainBegin(new LinkedHashMap<>());
        Map<String, Double> trainingLogs = new LinkedHashMap<>();
        double[] outSums = new double[outs];
        for (int epoch = o.initialEpoch(); epoch < o.epochs(); epoch++) {
            for (List<Metric> ms : metrics) for (Metric m : ms) m.reset();
            for (Callback c : callbacks) c.onEpochBegin(epoch, new LinkedHashMap<>());
            if (o.shuffle()) Rng.shuffle(order, n);
            double lossSum = 0;
            Arrays.fill(outSums, 0);
            int seen = 0;
            for (int s = 0; s < steps; s++) {
                int start = s * batch, rows = Math.min(batch, n - start);
                if (e == null || rows > e.capacity()) e = model.trainExecutable(rows, yRows);
                if (batchHooks) for (Callback c : callbacks) c.onTrainBatchBegin(s, Map.of());
                for (int i = 0; i < xRow.length; i++) K.gatherRows(d.xs.get(i), xRow[i], order, start, rows, e.xs.get(i).data);
                for (int i = 0; i < outs; i++) K.gatherRows(d.ys.get(i), yRow[i], order, start, rows, e.ys.get(i).data);
                if (d.sw != null) K.gatherRows(d.sw, 1, order, start, rows, e.sw.data);
                e.weighted(d.sw != null);
                float l = step(e, rows, metrics, constrained);
                lossSum += (double) l * rows;
                for (int i = 0; i < outs; i++) outSums[i] += (double) value(e.outputLosses.get(i)) * rows;
                seen += rows;
                if (batchHooks) {
                    Map<String, Double> logs = logs(lossSum / seen, outSums, seen, metrics);
                    for (Callback c : callbacks) c.onTrainBatchEnd(s, logs);
                }
                if (model.isStopTraining()) break;
            }
            Map<String, Double> logs = sorted(logs(lossSum / seen, outSums, seen, metrics));
            if (val != null && (epoch + 1) % o.validationFreq() == 0) {
                int vb = o.validationBatchSize() != null ? o.validationBatchSize() : o.batchSize();
                for (Map.Entry<String, Double> v : test(val, vb, callbacks).entrySet()) logs.put("val_" + v.getKey(), v.getValue());
            }
            for (Callback c : callbacks) c.onEpochEnd(epoch, logs);
            trainingLogs = logs;
            if (model.isStopTraining()) break;
        }
        if (model.optimizer().isUseEma()) {
            model.optimizer().finalizeVariableValues(model.weightArena().params());
            model.weightArena().changed();
        }
        for (Callback c : callbacks) c.onTrainEnd(trainingLogs);
        return history;
    }

    private static float value(Tensor t) {
        return t.data[t.off];
    }

    /** Forward, metrics, backward and update on the batch already in {@code e}'s inputs: {@link Trainer}'s step. */
    private float step(Executable e, int rows, List<List<Metric>> metrics, Layer[] constrained) {
        e.plan.forward(rows);
        float l = value(e.loss);
        update(e, rows, metrics);
        Weights w = model.weightArena();
        w.zeroGrads(e.plan);
        e.plan.backward(rows, e.loss);
        long stamp = w.lock().writeLock();
        try {
            model.optimizer().apply(w.params(), w.grads());
            for (Layer c : constrained) c.applyConstraints();
            w.changed();
        } finally {
            w.lock().unlockWrite(stamp);
        }
        return l;
    }

    private static void update(Executable e, int rows, List<List<Metric>> metrics) {
        for (int i = 0; i < metrics.size(); i++) {
            Tensor p = e.preds.get(i), y = e.ys.get(i);
            int c = p.dim(-1);
            for (Metric m : metrics.get(i)) m.update(y.data, 0, p.data, p.off, rows * p.rowSize() / c, c);
        }
    }

    Map<String, Double> evaluate(List<NDArray> xs, List<NDArray> ys, int batch, int verbose) {
        requireCompiled("evaluate");
        Data d = data(xs, ys, null, "evaluate");
        model.ready();
        List<Callback> callbacks = new ArrayList<>();
        if (verbose > 0) callbacks.add(new ProgbarLogger());
        Map<String, Object> params = Map.of("epochs", 1, "steps", (d.n + batch - 1) / batch, "verbose", verbose);
        for (Callback c : callbacks) {
            c.setModel(model);
            c.setParams(params);
        }
        return test(d, batch, callbacks);
    }

    /** The test loop of evaluate and validation, in batches, on this caller's own plan. */
    private Map<String, Double> test(Data d, int batch, List<Callback> callbacks) {
        int n = d.n, chunk = Math.min(batch, n), outs = d.ys.size();
        List<List<Metric>> metrics = metricsFor(d.yShapes);
        for (Callback c : callbacks) c.onTestBegin(new LinkedHashMap<>());
        double lossSum = 0;
        double[] outSums = new double[outs];
        Executable e = model.acquire(Executable.Mode.EVAL, chunk, rows(d.yShapes));
        try {
            e.weighted(d.sw != null);
            int step = 0;
            for (int start = 0; start < n; start += chunk, step++) {
                for (Callback c : callbacks) c.onTestBatchBegin(step, Map.of());
                int rows = Math.min(chunk, n - start);
                for (int i = 0; i < d.xs.size(); i++) copy(d.xs.get(i), n, start, rows, e.xs.get(i));
                for (int i = 0; i < outs; i++) copy(d.ys.get(i), n, start, rows, e.ys.get(i));
                if (d.sw != null) System.arraycopy(d.sw, start, e.sw.data, 0, rows);
                forwardOneStep(e, rows);
                lossSum += (double) value(e.loss) * rows;
                for (int i = 0; i < outs; i++) outSums[i] += (double) value(e.outputLosses.get(i)) * rows;
                update(e, rows, metrics);
                if (!callbacks.isEmpty()) {
                    Map<String, Double> logs = logs(lossSum / (start + rows), outSums, start + rows, metrics);
                    for (Callback c : callbacks) c.onTestBatchEnd(step, logs);
                }
            }
        } finally {
            model.release(e);
        }
        Map<String, Double> logs = sorted(logs(lossSum / n, outSums, n, metrics));
        for (Callback c : callbacks) c.onTestEnd(logs);
        return logs;
    }

    private static void copy(float[] src, int n, int start, int rows, Tensor dst) {
        int row = src.length / n;
        System.arraycopy(src, start * row, dst.data, 0, rows * row);
    }

    /** Every output for {@code xs}, in chunks of 1,024 rows on this caller's own plan. */
    List<NDArray> predict(List<NDArray> xs) {
        List<int[]> in = model.inputShapes();
        if (xs == null || xs.size() != in.size()) {
            throw new IllegalArgumentException("predict: the model takes " + in.size() + " input(s), got " + (xs == null ? 0 : xs.size()));
        }
        List<float[]> data = new ArrayList<>();
        int n = checkInputs(xs, "predict", data);
        model.ready();
        List<int[]> outShapes = model.outputShapes();
        List<float[]> outs = new ArrayList<>();
        for (int[] s : outShapes) outs.add(new float[n * size(s)]);
        if (n > 0) {
            int chunk = Math.min(PREDICT_CHUNK, n);
            Executable e = model.acquire(Executable.Mode.PREDICT, chunk, null);
            try {
                for (int start = 0; start < n; start += chunk) {
                    int rows = Math.min(chunk, n - start);
                    for (int i = 0; i < data.size(); i++) copy(data.get(i), n, start, rows, e.xs.get(i));
                    forwardOneStep(e, rows);
                    for (int i = 0; i < outs.size(); i++) {
                        Tensor p = e.preds.get(i);
                        int r = p.rowSize();
                        System.arraycopy(p.data, p.off, outs.get(i), start * r, rows * r);
                    }
                }
            } finally {
                model.release(e);
            }
        }
        List<NDArray> result = new ArrayList<>();
        for (int i = 0; i < outs.size(); i++) result.add(NDArray.of(outs.get(i), withRows(n, outShapes.get(i))));
        return result;
    }

    /** Trainer's optimistic read: a run on the weights of one whole optimizer step. */
    private void forwardOneStep(Executable e, int rows) {
        java.util.concurrent.locks.StampedLock lock = model.weightArena().lock();
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0) {
            try {
                e.plan.forward(rows);
                if (lock.validate(stamp)) return;
            } catch (RuntimeException torn) {
                if (lock.validate(stamp)) throw torn;
            }
        }
        stamp = lock.readLock();
        try {
            e.plan.forward(rows);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    // ---- checks ----

    /** Checks inputs against the model's input shapes (count, shapes, equal rows, finite); returns the rows. */
    private int checkInputs(List<NDArray> xs, String what, List<float[]> copies) {
        List<int[]> in = model.inputShapes();
        int n = -1;
        for (int i = 0; i < in.size(); i++) {
            NDArray x = xs.get(i);
            if (x == null) throw new IllegalArgumentException(what + ": input " + i + " is null");
            int[] feat = Arrays.copyOfRange(x.shape(), 1, Math.max(1, x.ndim()));
            if (x.ndim() < 2 || !Arrays.equals(feat, in.get(i))) {
                throw new IllegalArgumentException(what + ": input " + i + " (" + model.inputs().get(i).name() + ") expects shape "
                        + NDArray.shapeString(Layer.withBatch(in.get(i))) + ", got " + NDArray.shapeString(x.shape()));
            }
            if (n >= 0 && x.shape()[0] != n) {
                throw new IllegalArgumentException(what + ": all inputs must have the same number of samples, got " + n
                        + " and " + x.shape()[0]);
            }
            n = x.shape()[0];
            copies.add(finite(x, what + ": input " + i));
        }
        return n;
    }

    private Data data(List<NDArray> xs, List<NDArray> ys, NDArray sw, String what) {
        List<int[]> outShapes = model.outputShapes();
        if (xs == null || xs.size() != model.inputs().size()) {
            throw new IllegalArgumentException(what + ": the model takes " + model.inputs().size() + " input(s), got "
                    + (xs == null ? 0 : xs.size()));
        }
        if (ys == null || ys.size() != outShapes.size()) {
            throw new IllegalArgumentException(what + ": the model has " + outShapes.size() + " output(s) " + model.outputNames()
                    + ", got " + (ys == null ? 0 : ys.size()) + " target array(s)");
        }
        List<float[]> xc = new ArrayList<>(), yc = new ArrayList<>();
        int n = checkInputs(xs, what, xc);
        if (n == 0) throw new IllegalArgumentException(what + ": x and y are empty");
        List<int[]> yShapes = new ArrayList<>();
        for (int i = 0; i < ys.size(); i++) {
            NDArray y = ys.get(i);
            if (y == null || y.ndim() < 1 || y.shape()[0] != n) {
                throw new IllegalArgumentException(what + ": target " + i + " must have " + n + " samples, got "
                        + (y == null ? "null" : NDArray.shapeString(y.shape())));
            }
            float[] v = finite(y, what + ": target " + i);
            int[] out = outShapes.get(i);
            Loss loss = model.losses().get(i);
            int c = out[out.length - 1], predRow = size(out), yRow = v.length / n;
            if (yRow * c != predRow * loss.targetWidth(c)) {
                throw new IllegalArgumentException(what + ": output " + model.outputNames().get(i) + " of shape "
                        + NDArray.shapeString(Layer.withBatch(out)) + " cannot take targets of shape " + NDArray.shapeString(y.shape())
                        + " with " + loss.name());
            }
            loss.validateTargets(v, c);
            yc.add(v);
            yShapes.add(y.shape());
        }
        float[] w = null;
        if (sw != null) {
            int[] s = sw.shape();
            if (!(s.length == 1 || s.length == 2 && s[1] == 1) || s[0] != n) {
                throw new IllegalArgumentException(what + ": sample_weight must have shape (" + n + ",) or (" + n + ", 1), got "
                        + NDArray.shapeString(s));
            }
            w = finite(sw, what + ": sample_weight");
        }
        return new Data(xc, yc, w, n, yShapes);
    }

    private List<List<Metric>> metricsFor(List<int[]> yShapes) {
        List<List<Metric>> all = new ArrayList<>();
        List<int[]> outs = model.outputShapes();
        boolean several = outs.size() > 1;
        for (int i = 0; i < outs.size(); i++) {
            List<Metric> ms = new ArrayList<>();
            for (String name : model.metricNames()) {
                Metric m = Metrics.get(name, yShapes.get(i), Layer.withBatch(outs.get(i)));
                if (several) m.name(model.outputNames().get(i) + "_" + m.name());
                ms.add(m);
            }
            all.add(ms);
        }
        return all;
    }

    private Map<String, Double> logs(double loss, double[] outSums, int seen, List<List<Metric>> metrics) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss);
        if (outSums.length > 1) {
            for (int i = 0; i < outSums.length; i++) m.put(model.outputNames().get(i) + "_loss", outSums[i] / seen);
        }
        for (List<Metric> ms : metrics) for (Metric x : ms) m.put(x.name(), x.result());
        return m;
    }

    private static Map<String, Double> sorted(Map<String, Double> logs) {
        return new LinkedHashMap<>(new TreeMap<>(logs));
    }

    private static List<int[]> rows(List<int[]> shapes) {
        List<int[]> r = new ArrayList<>();
        for (int[] s : shapes) r.add(Arrays.copyOfRange(s, 1, s.length));
        return r;
    }

    private static int size(int[] s) {
        int p = 1;
        for (int d : s) p *= d;
        return p;
    }

    private static int[] withRows(int n, int[] feat) {
        int[] s = new int[feat.length + 1];
        s[0] = n;
        System.arraycopy(feat, 0, s, 1, feat.length);
        return s;
    }

    private static float[] finite(NDArray a, String what) {
        float[] d = a.toFloatArray();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                throw new IllegalArgumentException(what + " contains " + d[i] + " at flat index " + i
                        + "; NaN and infinite values cannot be trained on");
            }
        }
        return d;
    }

    private void requireCompiled(String what) {
        if (!model.isCompiled()) {
            throw new IllegalStateException("You must call compile() before " + what + "() on Functional '" + model.name() + "'");
        }
    }
}
