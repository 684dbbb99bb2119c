package io.keras4j.models;

import io.keras4j.NDArray;
import io.keras4j.callbacks.Callback;
import io.keras4j.callbacks.History;
import io.keras4j.callbacks.ProgbarLogger;
import io.keras4j.engine.Rng;
import io.keras4j.engine.kernels.Kernels;
import io.keras4j.engine.kernels.KernelsProvider;
import io.keras4j.layers.Layer;
import io.keras4j.losses.Loss;
import io.keras4j.metrics.Metric;
import io.keras4j.metrics.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
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
    /** Rows per predict call of the plan: results do not depend on it, speed does. */
    private static final int PREDICT_CHUNK = 1024;

    private static final Kernels K = KernelsProvider.get();
    private static final System.Logger LOG = System.getLogger("io.keras4j");

    private final Sequential model;

    Trainer(Sequential model) {
        this.model = model;
    }

    History fit(NDArray x, NDArray y, FitOptions o) {
        if (o == null) throw new IllegalArgumentException("FitOptions must not be null");
        requireCompiled("fit");
        if (o.stepsPerEpoch() != null) {
            throw new IllegalArgumentException("fit: stepsPerEpoch is for fit over an Iterable or Iterator of batches; "
                    + "over arrays an epoch is every batch of the data");
        }
        checkPair(x, y, "fit");
        float[] xs = finite(x, "fit: x"), ys = finite(y, "fit: y");
        int[] feat = features(x);
        int n = x.shape()[0];
        float[] sw = sampleWeights(o.sampleWeight(), n, "fit");
        if (o.classWeight() != null) {
            if (sw != null) throw new IllegalArgumentException("fit: class_weight and sample_weight cannot be used at the same time");
            sw = classWeights(ys, y.shape(), o.classWeight());
        }
        // validation data is checked before anything changes
        NDArray vx = o.validationX(), vy = o.validationY();
        Val val = null;
        if (vx != null) {
            checkPair(vx, vy, "validation data");
            checkFeatures(vx, feat, "validation data");
            val = new Val(finite(vx, "validation data: x"), finite(vy, "validation data: y"),
                    sampleWeights(o.validationSampleWeight(), vx.shape()[0], "validation data"), vx.shape()[0], vy.shape());
        }
        model.ensureBuilt(feat);
        int xRow = xs.length / n, yRow = ys.length / n;
        checkTargets(ys, y.shape(), "fit");
        if (val != null) checkTargets(val.y, val.yShape, "validation data");
        int nTrain = n;
        if (val == null && o.validationSplit() > 0) {
            nTrain = (int) Math.floor(n * (1.0 - o.validationSplit()));
            int nVal = n - nTrain;
            if (nTrain < 1 || nVal < 1) {
                throw new IllegalArgumentException("validation_split=" + o.validationSplit() + " leaves " + nTrain
                        + " training and " + nVal + " validation samples out of " + n);
            }
            int[] vyShape = y.shape();
            vyShape[0] = nVal;
            val = new Val(Arrays.copyOfRange(xs, nTrain * xRow, n * xRow), Arrays.copyOfRange(ys, nTrain * yRow, n * yRow),
                    sw == null ? null : Arrays.copyOfRange(sw, nTrain, n), nVal, vyShape);
        }
        int batch = Math.min(o.batchSize(), nTrain);
        ArrayFeed feed = new ArrayFeed(xs, ys, sw, xRow, yRow, nTrain, batch, o.shuffle());
        return loop(feed, o, y.shape(), val);
    }

    /**
     * {@code fit} over batches {@code {x, y}} or {@code {x, y, sampleWeight}} (Keras's generator or
     * {@code PyDataset}). {@code source} non-null: each epoch iterates it again, unless
     * {@code stepsPerEpoch} is set, when one iterator continues across epochs (restarted when it
     * runs out). {@code source} null: {@code it} is consumed once.
     */
    History fit(Iterable<NDArray[]> source, Iterator<NDArray[]> it, FitOptions o) {
        if (o == null) throw new IllegalArgumentException("FitOptions must not be null");
        requireCompiled("fit");
        if (o.validationSplit() > 0) {
            throw new IllegalArgumentException("fit: validation_split is only supported for arrays; pass validationData");
        }
        if (o.sampleWeight() != null) {
            throw new IllegalArgumentException("fit: sample_weight is given per batch ({x, y, sampleWeight}) when fitting on batches");
        }
        if (it == null) throw new IllegalArgumentException("fit: the iterator of batches is null");
        if (!it.hasNext()) throw new IllegalArgumentException("fit: the data yields no batch");
        NDArray[] first = it.next();
        checkBatch(first, null, null);
        int[] feat = features(first[0]);
        Val val = null;
        NDArray vx = o.validationX(), vy = o.validationY();
        if (vx != null) {
            checkPair(vx, vy, "validation data");
            checkFeatures(vx, feat, "validation data");
            val = new Val(finite(vx, "validation data: x"), finite(vy, "validation data: y"),
                    sampleWeights(o.validationSampleWeight(), vx.shape()[0], "validation data"), vx.shape()[0], vy.shape());
        }
        model.ensureBuilt(feat);
        checkTargets(first[1].toFloatArray(), first[1].shape(), "fit");
        if (val != null) checkTargets(val.y, val.yShape, "validation data");
        int[] yShape = first[1].shape();
        return loop(new StreamFeed(source, it, first, o.stepsPerEpoch(), o.classWeight(), feat, yShape), o, yShape, val);
    }

    /** Validation arrays (copies) and their per-sample weights (or null). */
    private record Val(float[] x, float[] y, float[] sw, int n, int[] yShape) {}

    /** Where the batches of an epoch come from. */
    private interface Feed {
        /** Steps per epoch, or 0 when unknown. */
        int steps();

        void beginEpoch();

        /** Advances to the next batch of the epoch; false at its end. */
        boolean next();

        /** Samples in the current batch. */
        int rows();

        /** Writes the current batch into {@code e}'s inputs; returns whether it is weighted. */
        boolean fill(Executable e);

        /** True when the data ran out for good (a consumed iterator): training ends. */
        default boolean exhausted() {
            return false;
        }
    }

    /** Batches of in-memory arrays, shuffled each epoch; the last partial batch is kept. */
    private final class ArrayFeed implements Feed {
        private final float[] xs, ys, sw;
        private final int xRow, yRow, n, batch, steps;
        private final boolean shuffle;
        private final int[] order;
        private int step;

        ArrayFeed(float[] xs, float[] ys, float[] sw, int xRow, int yRow, int n, int batch, boolean shuffle) {
            this.xs = xs;
            this.ys = ys;
            this.sw = sw;
            this.xRow = xRow;
            this.yRow = yRow;
            this.n = n;
            this.batch = batch;
            this.shuffle = shuffle;
            this.steps = (n + batch - 1) / batch;
            this.order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
        }

        @Override public int steps() {
            return steps;
        }

        @Override public void beginEpoch() {
            if (shuffle) Rng.shuffle(order, n);
            step = -1;
        }

        @Override public boolean next() {
            return ++step < steps;
        }

        @Override public int rows() {
            return Math.min(batch, n - step * batch);
        }

        @Override public boolean fill(Executable e) {
            int start = step * batch, rows = rows();
            K.gatherRows(xs, xRow, order, start, rows, e.x.data);
            K.gatherRows(ys, yRow, order, start, rows, e.y.data);
            if (sw != null) K.gatherRows(sw, 1, order, start, rows, e.sw.data);
            return sw != null;
        }
    }

    /** Batches from a Java iterator, checked one by one as they arrive. */
    private final class StreamFeed implements Feed {
        private final Iterable<NDArray[]> source;
        private final Integer stepsPerEpoch;
        private final Map<Integer, Double> classWeight;
        private final int[] feat, yShape;
        private Iterator<NDArray[]> it;
        private NDArray[] pending, current;
        private int taken;
        private boolean started, exhausted;

        StreamFeed(Iterable<NDArray[]> source, Iterator<NDArray[]> it, NDArray[] first, Integer stepsPerEpoch,
                   Map<Integer, Double> classWeight, int[] feat, int[] yShape) {
            this.source = source;
            this.classWeight = classWeight;
            this.it = it;
            this.pending = first;
            this.stepsPerEpoch = stepsPerEpoch;
            this.feat = feat;
            this.yShape = yShape;
        }

        @Override public int steps() {
            return stepsPerEpoch == null ? 0 : stepsPerEpoch;
        }

        @Override public void beginEpoch() {
            taken = 0;
            if (started) {
                if (stepsPerEpoch == null) it = source != null ? source.iterator() : null;
                else if (source != null && (it == null || !it.hasNext())) it = source.iterator(); // ran out: start again
            }
            started = true;
        }

        @Override public boolean next() {
            if (stepsPerEpoch != null && taken == stepsPerEpoch) return false;
            if (pending != null) {
                current = pending;
                pending = null;
            } else if (it != null && it.hasNext()) {
                current = it.next();
                checkBatch(current, feat, yShape);
            } else {
                if (source == null || taken == 0) exhausted = true; // fit warns if epochs remain
                else if (stepsPerEpoch != null) ranOut();                 // an epoch cut short; the next starts again
                it = null;
                return false;
            }
            taken++;
            return true;
        }

        @Override public int rows() {
            return current[0].shape()[0];
        }

        @Override public boolean fill(Executable e) {
            int rows = rows();
            float[] x = current[0].toFloatArray(), y = current[1].toFloatArray();
            System.arraycopy(x, 0, e.x.data, 0, x.length);
            System.arraycopy(y, 0, e.y.data, 0, y.length);
            if (current.length == 3 && classWeight != null) {
                throw new IllegalArgumentException("fit: class_weight and per-batch sample weights cannot be used at the same time");
            }
            if (current.length == 3) System.arraycopy(sampleWeights(current[2], rows, "fit: batch"), 0, e.sw.data, 0, rows);
            if (classWeight != null) System.arraycopy(classWeights(y, current[1].shape(), classWeight), 0, e.sw.data, 0, rows);
            return current.length == 3 || classWeight != null;
        }

        @Override public boolean exhausted() {
            return exhausted;
        }
    }

    /** Keras's warning when the data of {@code fit} ends before its epochs do. */
    private static void ranOut() {
        LOG.log(System.Logger.Level.WARNING, "Your input ran out of data; interrupting training. Make sure that "
                + "your dataset or generator can generate at least `steps_per_epoch * epochs` batches.");
    }

    /** The epochs of {@code fit}: Keras 3's trainer loop, hook for hook. */
    private History loop(Feed feed, FitOptions o, int[] yShape, Val val) {
        int[] yRowShape = Arrays.copyOfRange(yShape, 1, yShape.length);
        List<Metric> metrics = metricsFor(yShape);
        History history = new History();
        List<Callback> callbacks = new ArrayList<>(o.callbacks());
        callbacks.add(history);
        if (o.verbose() > 0) callbacks.add(new ProgbarLogger());
        Map<String, Object> params = Map.of("epochs", o.epochs(), "steps", feed.steps(), "verbose", o.verbose());
        for (Callback c : callbacks) {
            c.setModel(model);
            c.setParams(params);
        }
        boolean batchHooks = !o.callbacks().isEmpty() || o.verbose() == 1;
        Executable e = null;
        model.setStopTraining(false);
        for (Callback c : callbacks) c.onTrainBegin(new LinkedHashMap<>());
        Map<String, Double> trainingLogs = new LinkedHashMap<>();
        for (int epoch = o.initialEpoch(); epoch < o.epochs(); epoch++) {
            for (Metric m : metrics) m.reset();
            for (Callback c : callbacks) c.onEpochBegin(epoch, new LinkedHashMap<>());
            feed.beginEpoch();
            double lossSum = 0;
            int seen = 0;
            for (int s = 0; feed.next(); s++) {
                int rows = feed.rows();
                if (e == null || rows > e.capacity()) e = model.executable(Executable.Mode.TRAIN, rows, yRowShape);
                if (batchHooks) for (Callback c : callbacks) c.onTrainBatchBegin(s, Map.of());
                e.weighted(feed.fill(e));
                float l = step(e, rows, metrics);
                lossSum += (double) l * rows;
                seen += rows;
                if (batchHooks) {
                    Map<String, Double> logs = logs(lossSum / seen, metrics);
                    for (Callback c : callbacks) c.onTrainBatchEnd(s, logs);
                }
                if (model.isStopTraining()) break;
            }
            if (seen == 0) { // a consumed iterator: nothing left to train on
                ranOut();
                break;
            }
            Map<String, Double> logs = sorted(logs(lossSum / seen, metrics));
            if (val != null && (epoch + 1) % o.validationFreq() == 0) {
                int vb = o.validationBatchSize() != null ? o.validationBatchSize() : o.batchSize();
                for (Map.Entry<String, Double> v : test(val, vb, callbacks).entrySet()) {
                    logs.put("val_" + v.getKey(), v.getValue());
                }
            }
            for (Callback c : callbacks) c.onEpochEnd(epoch, logs);
            trainingLogs = logs;
            if (model.isStopTraining()) break;
            if (feed.exhausted()) {
                if (epoch + 1 < o.epochs()) ranOut();
                break;
            }
        }
        if (model.optimizer().isUseEma()) { // Keras: finalize_variable_values after the last epoch, before on_train_end
            model.optimizer().finalizeVariableValues(model.weightArena().params());
            model.weightArena().changed();
        }
        for (Callback c : callbacks) c.onTrainEnd(trainingLogs);
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
        return step(e, rows, metrics);
    }

    /** Forward, metrics, backward and update on the batch already in {@code e}'s inputs. Allocates nothing. */
    private float step(Executable e, int rows, List<Metric> metrics) {
        e.plan.forward(rows);
        float l = e.loss.data[e.loss.off];
        for (int i = 0; i < metrics.size(); i++) {
            metrics.get(i).update(e.y.data, 0, e.pred.data, e.pred.off, rows * e.predRow() / e.classes(), e.classes());
        }
        Weights w = model.weightArena();
        w.zeroGrads(e.plan);
        e.plan.backward(rows, e.loss);
        long stamp = w.lock().writeLock(); // concurrent predicts see the weights before or after the step
        try {
            model.optimizer().apply(w.params(), w.grads());
            applyConstraints(); // Keras: constraints project the variables right after the update
            w.changed();
        } finally {
            w.lock().unlockWrite(stamp);
        }
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
        return evaluate(x, y, new EvaluateOptions().verbose(verbose));
    }

    /** Keras's {@code evaluate}: test hooks, a final progress line unless silent, the logs sorted by name. */
    Map<String, Double> evaluate(NDArray x, NDArray y, EvaluateOptions o) {
        if (o == null) throw new IllegalArgumentException("EvaluateOptions must not be null");
        requireCompiled("evaluate");
        checkPair(x, y, "evaluate");
        float[] xs = finite(x, "evaluate: x"), ys = finite(y, "evaluate: y");
        float[] sw = sampleWeights(o.sampleWeight(), x.shape()[0], "evaluate");
        model.ensureBuiltForInference(features(x));
        checkTargets(ys, y.shape(), "evaluate");
        int n = x.shape()[0];
        List<Callback> callbacks = new ArrayList<>(o.callbacks());
        if (o.verbose() > 0) callbacks.add(new ProgbarLogger());
        Map<String, Object> params = Map.of("epochs", 1, "steps", (n + o.batchSize() - 1) / o.batchSize(), "verbose", o.verbose());
        for (Callback c : callbacks) {
            c.setModel(model);
            c.setParams(params);
        }
        return test(new Val(xs, ys, sw, n, y.shape()), o.batchSize(), callbacks);
    }

    /** The test loop of evaluate and of validation: loss and metrics over {@code val} in batches. */
    private Map<String, Double> test(Val val, int batch, List<Callback> callbacks) {
        int n = val.n;
        int[] yRowShape = Arrays.copyOfRange(val.yShape, 1, val.yShape.length);
        int chunk = Math.min(batch, n);
        List<Metric> metrics = metricsFor(val.yShape);
        int xRow = val.x.length / n, yRow = val.y.length / n;
        for (Callback c : callbacks) c.onTestBegin(new LinkedHashMap<>());
        double lossSum = 0;
        int step = 0;
        Executable e = model.acquire(Executable.Mode.EVAL, chunk, yRowShape); // this caller's own plan
        try {
            e.weighted(val.sw != null);
            for (int start = 0; start < n; start += chunk, step++) {
                for (Callback c : callbacks) c.onTestBatchBegin(step, Map.of());
                int rows = Math.min(chunk, n - start);
                System.arraycopy(val.x, start * xRow, e.x.data, 0, rows * xRow);
                System.arraycopy(val.y, start * yRow, e.y.data, 0, rows * yRow);
                if (val.sw != null) System.arraycopy(val.sw, start, e.sw.data, 0, rows);
                forwardOneStep(e, rows);
                lossSum += (double) e.loss.data[e.loss.off] * rows;
                for (Metric m : metrics) m.update(e.y.data, 0, e.pred.data, e.pred.off, rows * e.predRow() / e.classes(), e.classes());
                if (!callbacks.isEmpty()) {
                    Map<String, Double> logs = logs(lossSum / (start + rows), metrics);
                    for (Callback c : callbacks) c.onTestBatchEnd(step, logs);
                }
            }
        } finally {
            model.release(e);
        }
        Map<String, Double> logs = sorted(logs(lossSum / n, metrics));
        for (Callback c : callbacks) c.onTestEnd(logs);
        return logs;
    }

    /** Keras's {@code predict} with a batch size, its progress bar and the predict hooks. */
    NDArray predict(NDArray x, PredictOptions o) {
        if (o == null) throw new IllegalArgumentException("PredictOptions must not be null");
        if (x == null) throw new IllegalArgumentException("predict: x must not be null");
        if (x.ndim() < 2) {
            throw new IllegalArgumentException("predict: x must have a batch dimension, got shape " + NDArray.shapeString(x.shape()));
        }
        float[] xs = finite(x, "predict: x");
        model.ensureBuiltForInference(features(x));
        int n = x.shape()[0];
        int[] outShape = withRows(n, model.outputShape(model.layers().size()));
        if (n == 0) return NDArray.zeros(outShape);
        List<Callback> callbacks = new ArrayList<>(o.callbacks());
        if (o.verbose() > 0) callbacks.add(new ProgbarLogger());
        Map<String, Object> params = Map.of("epochs", 1, "steps", (n + o.batchSize() - 1) / o.batchSize(), "verbose", o.verbose());
        for (Callback c : callbacks) {
            c.setModel(model);
            c.setParams(params);
        }
        int chunk = Math.min(o.batchSize(), n);
        Executable e = model.acquire(Executable.Mode.PREDICT, chunk, null); // this caller's own plan
        try {
            int xRow = xs.length / n, pRow = e.predRow();
            float[] out = new float[n * pRow];
            for (Callback c : callbacks) c.onPredictBegin(new LinkedHashMap<>());
            int step = 0;
            for (int start = 0; start < n; start += chunk, step++) {
                for (Callback c : callbacks) c.onPredictBatchBegin(step, Map.of());
                int rows = Math.min(chunk, n - start);
                System.arraycopy(xs, start * xRow, e.x.data, 0, rows * xRow);
                forwardOneStep(e, rows);
                System.arraycopy(e.pred.data, e.pred.off, out, start * pRow, rows * pRow);
                for (Callback c : callbacks) c.onPredictBatchEnd(step, Map.of());
            }
            for (Callback c : callbacks) c.onPredictEnd(new LinkedHashMap<>());
            return NDArray.of(out, outShape);
        } finally {
            model.release(e);
        }
    }

    /**
     * Runs an inference plan on weights of one whole step: optimistically without a lock (no write
     * to shared memory, so concurrent callers do not slow each other), and again under the read
     * lock when a weight update overlapped it (the update waits for that run).
     */
    private void forwardOneStep(Executable e, int rows) {
        java.util.concurrent.locks.StampedLock lock = model.weightArena().lock();
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

    NDArray predict(NDArray x) {
        if (x == null) throw new IllegalArgumentException("predict: x must not be null");
        if (x.ndim() < 2) {
            throw new IllegalArgumentException("predict: x must have a batch dimension, got shape " + NDArray.shapeString(x.shape()));
        }
        float[] xs = finite(x, "predict: x");
        model.ensureBuiltForInference(features(x));
        int n = x.shape()[0];
        int[] outShape = withRows(n, model.outputShape(model.layers().size()));
        if (n == 0) return NDArray.zeros(outShape);
        int chunk = Math.min(PREDICT_CHUNK, n);
        Executable e = model.acquire(Executable.Mode.PREDICT, chunk, null);
        try {
            int xRow = xs.length / n, pRow = e.predRow();
            float[] out = new float[n * pRow];
            for (int start = 0; start < n; start += chunk) {
                int rows = Math.min(chunk, n - start);
                System.arraycopy(xs, start * xRow, e.x.data, 0, rows * xRow);
                forwardOneStep(e, rows);
                System.arraycopy(e.pred.data, e.pred.off, out, start * pRow, rows * pRow);
            }
            return NDArray.of(out, outShape);
        } finally {
            model.release(e);
        }
    }

    private List<Metric> metricsFor(int[] yShape) {
        List<Metric> ms = new ArrayList<>();
        int[] predShape = Layer.withBatch(model.outputShape(model.layers().size()));
        for (String name : model.metricNames()) ms.add(Metrics.get(name, yShape, predShape));
        for (Metric m : model.metricObjects()) { m.reset(); ms.add(m); }
        return ms;
    }

    /** Logs in Keras 3's epoch order (sorted by name), open to entries callbacks add after them. */
    private static Map<String, Double> sorted(Map<String, Double> logs) {
        return new LinkedHashMap<>(new TreeMap<>(logs));
    }

    private static Map<String, Double> logs(double loss, List<Metric> metrics) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss);
        for (Metric x : metrics) m.put(x.name(), x.result());
        return m;
    }

    /**
     * Checks targets against the model's output before anything runs: their shape (with a message
     * that names the fix when sparse labels meet one-hot rows or the reverse) and their values.
     */
    private void checkTargets(float[] ys, int[] yShape, String what) {
        int[] out = model.outputShape(model.layers().size());
        int c = lastDim(out), predRow = 1;
        for (int d : out) predRow *= d;
        Loss loss = model.loss();
        int tw = loss.targetWidth(c);
        int yRow = 1;
        for (int i = 1; i < yShape.length; i++) yRow *= yShape[i];
        if (yRow * c != predRow * tw) {
            String pred = NDArray.shapeString(Layer.withBatch(out)), got = NDArray.shapeString(Layer.withBatch(
                    Arrays.copyOfRange(yShape, 1, yShape.length)));
            if (tw == 1 && c > 1) {
                int[] ids = Arrays.copyOf(out, out.length - 1), ids1 = out.clone();
                ids1[ids1.length - 1] = 1;
                throw new IllegalArgumentException(what + ": " + loss.name() + " takes class ids of shape "
                        + NDArray.shapeString(Layer.withBatch(ids)) + " or " + NDArray.shapeString(Layer.withBatch(ids1))
                        + " for predictions of shape " + pred + ", got targets of shape " + got
                        + (yRow == predRow ? "; for one-hot targets use categorical_crossentropy" : ""));
            }
            throw new IllegalArgumentException(what + ": " + loss.name() + " needs targets of the predictions' shape " + pred
                    + ", got " + got + (tw == c && c > 1 && yRow * c == predRow
                    ? "; for class ids use sparse_categorical_crossentropy" : ""));
        }
        loss.validateTargets(ys, c);
    }

    /** Per-sample weights {@code (n,)} or {@code (n, 1)} as a checked copy, or null for none. */
    private static float[] sampleWeights(NDArray w, int n, String what) {
        if (w == null) return null;
        int[] s = w.shape();
        if (!(s.length == 1 || s.length == 2 && s[1] == 1) || s[0] != n) {
            throw new IllegalArgumentException(what + ": sample_weight must have shape (" + n + ",) or (" + n + ", 1), got "
                    + NDArray.shapeString(s));
        }
        return finite(w, what + ": sample_weight");
    }

    /**
     * Keras's {@code class_weight_to_sample_weights}: each sample weighs its class's weight (class =
     * the rounded id, or the argmax of a one-hot row); classes missing from the map weigh 1.
     */
    static float[] classWeights(float[] ys, int[] yShape, Map<Integer, Double> classWeight) {
        int n = yShape[0];
        if (yShape.length > 2) {
            throw new IllegalArgumentException("fit: class_weight needs targets of shape (n,), (n, 1) or (n, classes), got "
                    + NDArray.shapeString(yShape));
        }
        int c = yShape.length == 1 ? 1 : yShape[1];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            int cls;
            if (c == 1) {
                cls = (int) Math.rint(ys[i]);
            } else {
                cls = 0;
                for (int j = 1; j < c; j++) if (ys[i * c + j] > ys[i * c + cls]) cls = j;
            }
            w[i] = (float) (double) classWeight.getOrDefault(cls, 1.0);
        }
        return w;
    }

    /** Checks one streamed batch {@code {x, y}} or {@code {x, y, sampleWeight}} against the first one's shapes. */
    private void checkBatch(NDArray[] b, int[] feat, int[] yShape) {
        if (b == null || b.length < 2 || b.length > 3) {
            throw new IllegalArgumentException("fit: each batch must be {x, y} or {x, y, sampleWeight}, got "
                    + (b == null ? "null" : b.length + " arrays"));
        }
        checkPair(b[0], b[1], "fit: batch");
        finite(b[0], "fit: batch x");
        finite(b[1], "fit: batch y");
        if (b.length == 3) sampleWeights(b[2], b[0].shape()[0], "fit: batch");
        if (feat != null) checkFeatures(b[0], feat, "fit: batch");
        if (yShape != null) {
            int[] row = Arrays.copyOfRange(b[1].shape(), 1, b[1].ndim());
            if (!Arrays.equals(row, Arrays.copyOfRange(yShape, 1, yShape.length))) {
                throw new IllegalArgumentException("fit: batch targets of shape " + NDArray.shapeString(b[1].shape())
                        + " differ from the first batch's " + NDArray.shapeString(Layer.withBatch(
                        Arrays.copyOfRange(yShape, 1, yShape.length))));
            }
            checkTargets(b[1].toFloatArray(), b[1].shape(), "fit: batch");
        }
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
