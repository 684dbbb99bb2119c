package io.keras4j.models;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;
import io.keras4j.layers.Layer;
import io.keras4j.losses.Loss;
import io.keras4j.losses.Losses;
import io.keras4j.metrics.Metric;
import io.keras4j.metrics.Metrics;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.optimizers.Optimizers;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@code keras.Sequential}: a plain stack of layers, one input, one output.
 * <pre>{@code
 * Sequential model = new Sequential();
 * model.add(new Dense(4, "relu").inputDim(2));
 * model.add(new Dense(2, "softmax"));
 * model.compile(new SGD().momentum(0.9), "binary_crossentropy", "accuracy");
 * History h = model.fit(x, y, new FitOptions().epochs(10).batchSize(100));
 * }</pre>
 * The model is built as soon as its input shape is known (declared on the first layer, or taken
 * from the data of the first {@code fit}/{@code predict}).
 */
public class Sequential extends Model {
    private String name;
    private final List<Layer> layers = new ArrayList<>();
    private int[] inputShape;
    private final Weights weights = new Weights();
    private Optimizer optimizer;
    private Loss loss;
    private List<String> metricNames = List.of();
    private List<Metric> metricObjects = List.of();
    private boolean stopTraining;
    private Executable trainExec;
    /** The inference plans (predict, evaluate): one per concurrent caller. Replaced when the model changes. */
    private volatile ExecutablePool inference = new ExecutablePool(this::newInferenceExecutable);
    /** Set once built with bound weights: lets inference skip the (synchronized) build check. */
    private volatile boolean ready;

    public Sequential() {
        this.name = Layer.uniqueName("sequential");
    }

    /** {@code keras.Sequential([layer, layer, ...])}: adds the layers in order. */
    public Sequential(Layer... layers) {
        this();
        for (Layer l : layers) add(l);
    }

    @Override
    public String name() {
        return name;
    }

    /** Keras's {@code name} argument (default {@code sequential}, made unique); a loaded model keeps its file's name. */
    public Sequential name(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("Sequential: name must be a non-empty string");
        this.name = name;
        return this;
    }

    /** Appends a layer; builds it at once when the model's input shape is known. Returns this model, to chain. */
    public Sequential add(Layer layer) {
        if (layer == null) throw new IllegalArgumentException("cannot add a null layer");
        if (layers.contains(layer)) throw new IllegalArgumentException(layer.describe() + " is already in the model");
        if (layers.isEmpty() && layer.declaredInputShape() != null) inputShape = layer.declaredInputShape();
        if (inputShape != null) {
            int[] in = outputShape(layers.size());
            try {
                layer.ensureBuilt(in);
            } catch (IllegalArgumentException e) {
                if (layers.isEmpty()) throw e;
                // name the layer whose output it cannot take too, as Keras's message does
                Layer prev = layers.get(layers.size() - 1);
                throw new IllegalArgumentException(layer.describe() + " cannot take the output of " + prev.describe() + " "
                        + NDArray.shapeString(Layer.withBatch(in)) + ": " + e.getMessage(), e);
            }
        }
        layers.add(layer);
        invalidate();
        return this;
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** The input shape without the batch dimension, or null while unknown. */
    public int[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /** The output shape of the first {@code upTo} layers (without batch); needs a known input shape. */
    int[] outputShape(int upTo) {
        int[] s = inputShape.clone();
        for (int i = 0; i < upTo; i++) s = layers.get(i).computeOutputShape(s);
        return s;
    }

    boolean isBuilt() {
        return inputShape != null;
    }

    @Override
    protected boolean isBuiltModel() {
        return isBuilt();
    }

    /** Builds every layer for inputs of {@code featureShape} (without batch), or checks it matches. */
    synchronized void ensureBuilt(int[] featureShape) {
        if (layers.isEmpty()) throw new IllegalStateException("Sequential '" + name + "' has no layers; add() some first");
        if (inputShape != null && !Arrays.equals(inputShape, featureShape)) {
            throw new IllegalArgumentException(layers.get(0).describe() + ": expected input shape "
                    + NDArray.shapeString(Layer.withBatch(inputShape)) + ", got "
                    + NDArray.shapeString(Layer.withBatch(featureShape)));
        }
        if (inputShape == null) inputShape = featureShape.clone();
        int[] s = inputShape;
        for (Layer l : layers) {
            l.ensureBuilt(s);
            s = l.computeOutputShape(s);
        }
        if (weights.bound() && weights.stale()) invalidate(); // a layer was frozen or unfrozen
        if (!weights.bound()) {
            List<Variable> vars = new ArrayList<>();
            for (Layer l : layers) vars.addAll(l.weights());
            weights.bind(vars);
            if (optimizer != null) optimizer.build(weights.size(), weights.variableSizes());
        }
        ready = true;
    }

    /** {@link #ensureBuilt} without taking the model's lock when it is built for these inputs already. */
    void ensureBuiltForInference(int[] featureShape) {
        if (!ready || !Arrays.equals(inputShape, featureShape)) ensureBuilt(featureShape);
    }

    private void invalidate() {
        ready = false;
        weights.unbind();
        trainExec = null;
        inference = new ExecutablePool(this::newInferenceExecutable);
    }

    @Override
    public void compile(Optimizer optimizer, String loss, String... metrics) {
        compile(optimizer, Losses.get(loss), metrics);
    }

    @Override
    public void compile(Optimizer optimizer, Loss l, String... metrics) {
        if (optimizer == null) throw new IllegalArgumentException("optimizer must not be null");
        if (l == null) throw new IllegalArgumentException("loss must not be null; valid losses: " + Losses.NAMES);
        for (String m : metrics) Metrics.validate(m);
        this.optimizer = optimizer;
        this.loss = l;
        this.metricNames = List.of(metrics);
        this.metricObjects = List.of();
        trainExec = null;
        inference = new ExecutablePool(this::newInferenceExecutable);
        if (weights.bound()) optimizer.build(weights.size(), weights.variableSizes());
        else if (isBuilt()) ensureBuilt(inputShape);
    }

    @Override
    public void compile(Optimizer optimizer, Loss l, Metric metric, Metric... more) {
        List<Metric> ms = new ArrayList<>();
        ms.add(metric);
        ms.addAll(Arrays.asList(more));
        if (ms.contains(null)) throw new IllegalArgumentException("metrics must not be null");
        compile(optimizer, l);
        this.metricObjects = List.copyOf(ms);
    }

    @Override
    public void compile(String optimizer, String loss, String... metrics) {
        compile(Optimizers.get(optimizer), loss, metrics);
    }

    boolean isCompiled() {
        return optimizer != null;
    }

    Optimizer optimizer() {
        return optimizer;
    }

    @Override
    public Optimizer getOptimizer() {
        return optimizer;
    }

    Loss loss() {
        return loss;
    }

    List<String> metricNames() {
        return metricNames;
    }

    /** The metric objects given to compile (reset by the training loop before use). */
    List<Metric> metricObjects() {
        return metricObjects;
    }

    Weights weightArena() {
        return weights;
    }

    private Tensor forward(Tensor x, boolean training) {
        Tensor t = x, mask = null;
        for (Layer l : layers) {
            if (mask != null && !l.supportsMasking()) {
                throw new UnsupportedOperationException(l.describe() + ": its input carries a mask (Embedding mask_zero or"
                        + " Masking), which this layer does not support yet");
            }
            Tensor y = l.call(t, mask, training);
            mask = l.computeMask(t, mask);
            t = y;
        }
        if (mask != null) {
            throw new UnsupportedOperationException("the model's output carries a mask (Embedding mask_zero or Masking):"
                    + " losses and metrics that leave masked steps out are not supported yet");
        }
        return t;
    }

    /** The cached training executable holding {@code capacity} samples (re-planned when it differs). */
    synchronized Executable executable(Executable.Mode mode, int capacity, int[] yRowShape) {
        if (mode != Executable.Mode.TRAIN) throw new IllegalArgumentException("inference plans come from acquire()");
        Executable e = trainExec;
        if (e == null || e.capacity() != capacity || !Arrays.equals(e.y.shape(), Layer.withBatch(yRowShape))) {
            e = trainExec = new Executable(inputShape, x -> forward(x, true), loss, yRowShape, capacity, mode);
        }
        return e;
    }

    /**
     * An inference plan ({@code EVAL} or {@code PREDICT}) for calls of up to {@code rows} samples,
     * this caller's own until {@link #release}: concurrent callers never share buffers.
     */
    Executable acquire(Executable.Mode mode, int rows, int[] yRowShape) {
        return inference.acquire(mode, rows, yRowShape);
    }

    /** Gives back a plan of {@link #acquire}. */
    void release(Executable e) {
        ExecutablePool.release(e);
    }

    /** Inference plans kept between calls (tests of the memory bound). */
    int idlePlans() {
        return inference.idle();
    }

    /** Builds a plan: layers record ops into a new graph, one builder at a time. */
    private synchronized Executable newInferenceExecutable(Executable.Mode mode, int capacity, int[] yRowShape) {
        return new Executable(inputShape, x -> forward(x, false), loss, yRowShape, capacity, mode);
    }

    @Override
    public History fit(NDArray x, NDArray y, FitOptions options) {
        return new Trainer(this).fit(x, y, options);
    }

    @Override
    public History fit(Iterable<NDArray[]> batches, FitOptions options) {
        if (batches == null) throw new IllegalArgumentException("fit: batches must not be null");
        return new Trainer(this).fit(batches, batches.iterator(), options);
    }

    @Override
    public History fit(java.util.Iterator<NDArray[]> batches, FitOptions options) {
        return new Trainer(this).fit(null, batches, options);
    }

    @Override
    public Map<String, Double> evaluate(NDArray x, NDArray y, int verbose) {
        return new Trainer(this).evaluate(x, y, verbose);
    }

    @Override
    public Map<String, Double> evaluate(NDArray x, NDArray y, EvaluateOptions options) {
        return new Trainer(this).evaluate(x, y, options);
    }

    @Override
    public NDArray predict(NDArray x, PredictOptions options) {
        return new Trainer(this).predict(x, options);
    }

    @Override
    public NDArray predict(NDArray... inputs) {
        if (inputs.length != 1) throw new IllegalArgumentException("Sequential takes one input, got " + inputs.length);
        return new Trainer(this).predict(inputs[0]);
    }

    @Override
    public List<NDArray> getWeights() {
        List<NDArray> out = new ArrayList<>();
        long stamp = weights.lock().readLock(); // from another thread during fit: the weights of one whole step
        try {
            for (Layer l : layers) {
                for (Variable v : l.weights()) out.add(NDArray.of(Arrays.copyOfRange(v.data, v.off, v.off + v.size()), v.shape()));
            }
        } finally {
            weights.lock().unlockRead(stamp);
        }
        return out;
    }

    @Override
    public void setWeights(List<NDArray> values) {
        List<Variable> vars = new ArrayList<>();
        for (Layer l : layers) vars.addAll(l.weights());
        if (values == null || values.size() != vars.size()) {
            throw new IllegalArgumentException("setWeights: the model has " + vars.size() + " weights, got "
                    + (values == null ? "null" : values.size()));
        }
        for (int i = 0; i < vars.size(); i++) {
            Variable v = vars.get(i);
            if (!Arrays.equals(v.shape(), values.get(i).shape())) {
                throw new IllegalArgumentException("setWeights: weight " + i + " '" + v.name() + "' has shape "
                        + NDArray.shapeString(v.shape()) + ", got " + NDArray.shapeString(values.get(i).shape()));
            }
        }
        List<float[]> copies = new ArrayList<>();
        for (NDArray value : values) copies.add(value.toFloatArray());
        long stamp = weights.lock().writeLock(); // a concurrent predict sees the old weights or the new, whole
        try {
            for (int i = 0; i < vars.size(); i++) {
                Variable v = vars.get(i);
                System.arraycopy(copies.get(i), 0, v.data, v.off, v.size());
                v.changed();
            }
        } finally {
            weights.lock().unlockWrite(stamp);
        }
    }

    @Override
    public void summary(PrintStream out) {
        Summary.print(this, out);
    }

    @Override
    public void setStopTraining(boolean stop) {
        this.stopTraining = stop;
    }

    @Override
    public boolean isStopTraining() {
        return stopTraining;
    }

    /** The loss given to {@code compile} ({@code model.loss}), or null before compile. */
    public Loss getLoss() {
        return loss;
    }

    /** The metric names given to {@code compile}. */
    public List<String> getMetricNames() {
        return metricNames;
    }
}
