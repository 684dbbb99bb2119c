package io.keras4j.models;

import io.keras4j.NDArray;
import io.keras4j.callbacks.Callback;
import io.keras4j.callbacks.History;
import io.keras4j.callbacks.ProgbarLogger;
import io.keras4j.engine.Rng;
import io.keras4j.engine.kernels.Kernels;
import io.keras4j.engine.kernels.KernelsProvider;
import io.keras4j.layers.Layer;
import io.keras4j.metrics.Metric;
import io.keras4j.metrics.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The loops of {@code fit}, {@code evaluate} and {@code predict} for a {@link Sequential}.
 * Validates everything before touching the model, so bad input changes nothing.
 * The training step itself ({@link #trainStep}) allocates nothing.
 */
final class Trainer {
    /** Keras's default batch size for evaluate and predict. */
    private static final int EVAL_BATCH = 32;
    /** Rows per predict call of the plan: results do not depend on it, speed does. */
    private static final int PREDICT_CHUNK = 1024;

    private static final Kernels K = KernelsProvider.get();

    private final Sequential model;

    Trainer(Sequential model) {
        this.model = model;
    }

    History fit(NDArray x, NDArray y, FitOptions o) {
        if (o == null) throw new IllegalArgumentException("FitOptions must not be null");
        requireCompiled("fit");
        checkPair(x, y, "fit");
        float[] xs = finite(x, "fit: x"), ys = finite(y, "fit: y");
        int[] feat = features(x);
        // validation data is checked before anything changes
        NDArray vx = o.validationX(), vy = o.validationY();
        float[] vxs = null, vys = null;
        if (vx != null) {
            checkPair(vx, vy, "validation data");
            vxs = finite(vx, "validation data: x");
            vys = finite(vy, "validation data: y");
            checkFeatures(vx, feat, "validation data");
        }
        model.ensureBuilt(feat);
        int n = x.shape()[0];
        int xRow = xs.length / n, yRow = ys.length / n;
        model.loss().validateTargets(ys, lastDim(model.outputShape(model.layers().size())));
        int nTrain = n;
        int nVal = 0;
        if (vx != null) {
            nVal = vx.shape()[0];
            model.loss().validateTargets(vys, lastDim(model.outputShape(model.layers().size())));
        } else if (o.validationSplit() > 0) {
            nTrain = (int) Math.floor(n * (1.0 - o.validationSplit()));
            nVal = n - nTrain;
            if (nTrain < 1 || nVal < 1) {
                throw new IllegalArgumentException("validation_split=" + o.validationSplit() + " leaves " + nTrain
                        + " training and " + nVal + " validation samples out of " + n);
            }
            vxs = Arrays.copyOfRange(xs, nTrain * xRow, n * xRow);
            vys = Arrays.copyOfRange(ys, nTrain * yRow, n * yRow);
        }
        int[] yRowShape = Arrays.copyOfRange(y.shape(), 1, y.ndim());
        int batch = Math.min(o.batchSize(), nTrain);
        Executable e = model.executable(Executable.Mode.TRAIN, batch, yRowShape);
        List<Metric> metrics = metricsFor(y.shape(), e);
        int steps = (nTrain + batch - 1) / batch;

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
        model.setStopTraining(false);
        for (Callback c : callbacks) c.onTrainBegin(Map.of());

        int[] order = new int[nTrain];
        for (int i = 0; i < nTrain; i++) order[i] = i;
        Map<String, Double> epochLogs = Map.of();
        for (int epoch = 0; epoch < o.epochs() && !model.isStopTraining(); epoch++) {
            for (Callback c : callbacks) c.onEpochBegin(epoch, Map.of());
            for (Metric m : metrics) m.reset();
            if (o.shuffle()) Rng.shuffle(order, nTrain);
            double lossSum = 0;
            int seen = 0;
            for (int s = 0; s < steps; s++) {
                int start = s * batch, rows = Math.min(batch, nTrain - start);
                if (batchHooks) for (Callback c : callbacks) c.onTrainBatchBegin(s, Map.of());
                float l = trainStep(e, xs, ys, xRow, yRow, order, start, rows, metrics);
                lossSum += (double) l * rows;
                seen += rows;
                if (batchHooks) {
                    Map<String, Double> logs = logs(lossSum / seen, metrics);
                    for (Callback c : callbacks) c.onTrainBatchEnd(s, logs);
                }
            }
            Map<String, Double> logs = new TreeMap<>(logs(lossSum / seen, metrics));
            if (vxs != null) {
                for (Map.Entry<String, Double> v : evaluateArrays(vxs, vys, nVal, yRowShape, y.shape()).entrySet()) {
                    logs.put("val_" + v.getKey(), v.getValue());
                }
            }
            epochLogs = logs;
            for (Callback c : callbacks) c.onEpochEnd(epoch, logs);
        }
        for (Callback c : callbacks) c.onTrainEnd(epochLogs);
        return history;
    }

    /**
     * One optimisation step on rows {@code order[start .. start+rows)}: gather the batch, forward,
     * metrics, backward, update. Returns the batch loss (before the update). Allocates nothing.
     */
    float trainStep(Executable e, float[] xs, float[] ys, int xRow, int yRow, int[] order, int start, int rows,
                    List<Metric> metrics) {
        K.gatherRows(xs, xRow, order, start, rows, e.x.data);
        K.gatherRows(ys, yRow, order, start, rows, e.y.data);
        e.plan.forward(rows);
        float l = e.loss.data[e.loss.off];
        for (int i = 0; i < metrics.size(); i++) {
            metrics.get(i).update(e.y.data, 0, e.pred.data, e.pred.off, rows * e.predRow() / e.classes(), e.classes());
        }
        Weights w = model.weightArena();
        w.zeroGrads(e.plan);
        e.plan.backward(rows, e.loss);
        model.optimizer().apply(w.params(), w.grads());
        w.changed();
        applyConstraints();
        return l;
    }

    /** The layers with weight constraints, found at the first step (Keras applies them after each optimizer step). */
    private Layer[] constrained;

    private void applyConstraints() {
        if (constrained == null) {
            constrained = model.layers().stream().filter(Layer::hasConstraints).toArray(Layer[]::new);
        }
        for (Layer l : constrained) l.applyConstraints();
    }

    Map<String, Double> evaluate(NDArray x, NDArray y, int verbose) {
        if (verbose < 0 || verbose > 2) throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + verbose);
        requireCompiled("evaluate");
        checkPair(x, y, "evaluate");
        float[] xs = finite(x, "evaluate: x"), ys = finite(y, "evaluate: y");
        model.ensureBuilt(features(x));
        model.loss().validateTargets(ys, lastDim(model.outputShape(model.layers().size())));
        int n = x.shape()[0];
        ProgbarLogger bar = new ProgbarLogger();
        // one "epoch" of ceil(n / 32) steps: the logger prints its final line only
        bar.setParams(Map.of("epochs", 1, "steps", (n + EVAL_BATCH - 1) / EVAL_BATCH, "verbose", verbose));
        bar.onTrainBegin(Map.of());
        bar.onEpochBegin(0, Map.of());
        Map<String, Double> logs = evaluateArrays(xs, ys, n, Arrays.copyOfRange(y.shape(), 1, y.ndim()), y.shape());
        if (verbose > 0) bar.onEpochEnd(0, logs);
        return logs;
    }

    private Map<String, Double> evaluateArrays(float[] xs, float[] ys, int n, int[] yRowShape, int[] yShape) {
        Executable e = model.executable(Executable.Mode.EVAL, Math.min(EVAL_BATCH, n), yRowShape);
        List<Metric> metrics = metricsFor(yShape, e);
        int xRow = xs.length / n, yRow = ys.length / n;
        double lossSum = 0;
        for (int start = 0; start < n; start += e.capacity()) {
            int rows = Math.min(e.capacity(), n - start);
            System.arraycopy(xs, start * xRow, e.x.data, 0, rows * xRow);
            System.arraycopy(ys, start * yRow, e.y.data, 0, rows * yRow);
            e.plan.forward(rows);
            lossSum += (double) e.loss.data[e.loss.off] * rows;
            for (Metric m : metrics) m.update(e.y.data, 0, e.pred.data, e.pred.off, rows * e.predRow() / e.classes(), e.classes());
        }
        return new TreeMap<>(logs(lossSum / n, metrics));
    }

    NDArray predict(NDArray x) {
        if (x == null) throw new IllegalArgumentException("predict: x must not be null");
        if (x.ndim() < 2) {
            throw new IllegalArgumentException("predict: x must have a batch dimension, got shape " + NDArray.shapeString(x.shape()));
        }
        float[] xs = finite(x, "predict: x");
        model.ensureBuilt(features(x));
        int n = x.shape()[0];
        int[] outShape = withRows(n, model.outputShape(model.layers().size()));
        if (n == 0) return NDArray.zeros(outShape);
        Executable e = model.executable(Executable.Mode.PREDICT, Math.min(PREDICT_CHUNK, Math.max(n, 1)), null);
        int xRow = xs.length / n, pRow = e.predRow();
        float[] out = new float[n * pRow];
        for (int start = 0; start < n; start += e.capacity()) {
            int rows = Math.min(e.capacity(), n - start);
            System.arraycopy(xs, start * xRow, e.x.data, 0, rows * xRow);
            e.plan.forward(rows);
            System.arraycopy(e.pred.data, e.pred.off, out, start * pRow, rows * pRow);
        }
        return NDArray.of(out, outShape);
    }

    private List<Metric> metricsFor(int[] yShape, Executable e) {
        List<Metric> ms = new ArrayList<>();
        int[] predShape = e.pred.shape();
        for (String name : model.metricNames()) ms.add(Metrics.get(name, yShape, predShape));
        return ms;
    }

    private static Map<String, Double> logs(double loss, List<Metric> metrics) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss);
        for (Metric x : metrics) m.put(x.name(), x.result());
        return m;
    }

    private void requireCompiled(String what) {
        if (!model.isCompiled()) {
            throw new IllegalStateException("You must call compile() before " + what + "() on Sequential '" + model.name() + "'");
        }
    }

    private static int lastDim(int[] shape) {
        return shape[shape.length - 1];
    }

    private static int[] features(NDArray x) {
        return Arrays.copyOfRange(x.shape(), 1, x.ndim());
    }

    private void checkFeatures(NDArray x, int[] feat, String what) {
        if (!Arrays.equals(features(x), feat)) {
            throw new IllegalArgumentException(what + ": expected input shape " + NDArray.shapeString(Layer.withBatch(feat))
                    + ", got " + NDArray.shapeString(Layer.withBatch(features(x))));
        }
    }

    private static void checkPair(NDArray x, NDArray y, String what) {
        if (x == null || y == null) throw new IllegalArgumentException(what + ": x and y must not be null");
        if (x.ndim() < 2) throw new IllegalArgumentException(what + ": x must have a batch dimension and features, got shape "
                + NDArray.shapeString(x.shape()));
        if (y.ndim() < 1) throw new IllegalArgumentException(what + ": y must have a batch dimension, got shape "
                + NDArray.shapeString(y.shape()));
        if (x.shape()[0] != y.shape()[0]) {
            throw new IllegalArgumentException(what + ": x and y must have the same number of samples, got x "
                    + NDArray.shapeString(x.shape()) + " and y " + NDArray.shapeString(y.shape()));
        }
        if (x.shape()[0] == 0) throw new IllegalArgumentException(what + ": x and y are empty");
    }

    /** A copy of {@code a}'s values, checked to be finite: the one copy the caller then uses. */
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

    private static int[] withRows(int n, int[] feat) {
        int[] s = new int[feat.length + 1];
        s[0] = n;
        System.arraycopy(feat, 0, s, 1, feat.length);
        return s;
    }
}
