package io.keras4j.models;

import io.keras4j.KerasTensor;
import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
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
 * from the data of the first {@code fit}/{@code predict}). As in Keras 3, a Sequential is a thin
 * builder: once built it makes the {@link Functional} graph {@code input -> layer -> ... -> layer}
 * (again after each {@code add}) and trains, evaluates and predicts with it, so every model runs
 * the one loop of {@link Trainer}. What stays its own: the layer list, its summary layout and its
 * saved config.
 */
public class Sequential extends Model {
    private String name;
    private final List<Layer> layers = new ArrayList<>();
    private int[] inputShape;
    private Optimizer optimizer;
    private Loss loss;
    private List<String> metricNames = List.of();
    private List<Metric> metricObjects = List.of();
    private boolean stopTraining;
    /** The graph of the layers, made when the input shape is known; null while unbuilt or after {@code add}. */
    private volatile Functional graph;

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
        if (layer instanceof io.keras4j.layers.Merge) {
            throw new IllegalArgumentException(layer.describe() + " takes several inputs: a Sequential passes one tensor "
                    + "from layer to layer; use the functional API (Model.of)");
        }
        if (layer instanceof io.keras4j.layers.RecurrentLayer<?> r && r.returnState()
                || layer instanceof io.keras4j.layers.Bidirectional b && b.returnState()) {
            throw new IllegalArgumentException(layer.describe() + " has several outputs (return_state): a Sequential passes one "
                    + "tensor from layer to layer; use the functional API (applyAll, Model.of)");
        }
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
        graph = null; // Keras's _maybe_rebuild: the graph is made again with the new layer
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

    /** Builds every layer for inputs of {@code featureShape} (without batch), or checks it matches; then its graph. */
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
        graph().ready();
    }

    /**
     * The graph this model runs: {@code input -> layers}, made (and compiled as this model is) when
     * first needed after the input shape is known. Null while the input shape is unknown.
     */
    synchronized Functional graph() {
        Functional g = graph;
        if (g == null && inputShape != null) {
            KerasTensor t = new KerasTensor(inputShape, name + "_input", List.of(), name + "_input");
            KerasTensor in = t;
            for (Layer l : layers) t = l.apply(t);
            g = new Functional(List.of(in), List.of(t), name);
            if (optimizer != null) compileGraph(g);
            graph = g;
        }
        return g;
    }

    private void compileGraph(Functional g) {
        if (metricObjects.isEmpty()) g.compile(optimizer, loss, metricNames.toArray(new String[0]));
        else g.compile(optimizer, loss, metricObjects.get(0), metricObjects.subList(1, metricObjects.size()).toArray(new Metric[0]));
    }

    /** The built graph, built first from {@code x}'s shape when the model's input shape is still unknown. */
    private Functional graphFor(NDArray x, String what) {
        if (x == null) throw new IllegalArgumentException(what + ": x must not be null");
        if (x.ndim() < 2) {
            throw new IllegalArgumentException(what + ": x must have a batch dimension and features, got shape "
                    + NDArray.shapeString(x.shape()));
        }
        int[] feat = Arrays.copyOfRange(x.shape(), 1, x.ndim());
        Functional g = graph;
        if (g == null || !Arrays.equals(inputShape, feat)) {
            ensureBuilt(feat);
            g = graph();
        }
        return g;
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
        Functional g = graph();
        if (g != null) compileGraph(g);
    }

    @Override
    public void compile(Optimizer optimizer, Loss l, Metric metric, Metric... more) {
        List<Metric> ms = new ArrayList<>();
        ms.add(metric);
        ms.addAll(Arrays.asList(more));
        if (ms.contains(null)) throw new IllegalArgumentException("metrics must not be null");
        compile(optimizer, l);
        this.metricObjects = List.copyOf(ms);
        Functional g = graph();
        if (g != null) compileGraph(g);
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

    /** The weights' arena of the built graph (tests). */
    Weights weightArena() {
        return graph().weightArena();
    }

    /** The training plan of the built graph holding {@code capacity} samples (tests, {@link DistributedStep}). */
    Executable executable(Executable.Mode mode, int capacity, int[] yRowShape) {
        if (mode != Executable.Mode.TRAIN) throw new IllegalArgumentException("inference plans come from the pool");
        return graph().trainExecutable(capacity, List.of(yRowShape));
    }

    /** Inference plans kept between calls (tests of the memory bound). */
    int idlePlans() {
        Functional g = graph;
        return g == null ? 0 : g.idlePlans();
    }

    private void requireCompiled(String what) {
        if (optimizer == null) {
            throw new IllegalStateException("You must call compile() before " + what + "() on Sequential '" + name + "'");
        }
    }

    @Override
    public History fit(NDArray x, NDArray y, FitOptions options) {
        if (options == null) throw new IllegalArgumentException("FitOptions must not be null");
        requireCompiled("fit");
        if (x == null || y == null) throw new IllegalArgumentException("fit: x and y must not be null");
        return new Trainer(graphFor(x, "fit"), this).fit(List.of(x), List.of(y), options);
    }

    @Override
    public History fit(Iterable<NDArray[]> batches, FitOptions options) {
        if (batches == null) throw new IllegalArgumentException("fit: batches must not be null");
        return fit(batches, batches.iterator(), options);
    }

    @Override
    public History fit(java.util.Iterator<NDArray[]> batches, FitOptions options) {
        return fit(null, batches, options);
    }

    /** Takes the first batch to build the model from, then fits the graph on the stream. */
    private History fit(Iterable<NDArray[]> source, java.util.Iterator<NDArray[]> it, FitOptions options) {
        if (options == null) throw new IllegalArgumentException("FitOptions must not be null");
        requireCompiled("fit");
        if (it == null) throw new IllegalArgumentException("fit: the iterator of batches is null");
        if (!it.hasNext()) throw new IllegalArgumentException("fit: the data yields no batch");
        NDArray[] first = it.next();
        if (first == null || first.length < 2 || first.length > 3) {
            throw new IllegalArgumentException("fit: each batch must be {x, y} or {x, y, sampleWeight}, got "
                    + (first == null ? "null" : first.length + " arrays"));
        }
        return new Trainer(graphFor(first[0], "fit: batch"), this).fit(source, it, first, options);
    }

    @Override
    public Map<String, Double> evaluate(NDArray x, NDArray y, int verbose) {
        return evaluate(x, y, new EvaluateOptions().verbose(verbose));
    }

    @Override
    public Map<String, Double> evaluate(NDArray x, NDArray y, EvaluateOptions options) {
        if (options == null) throw new IllegalArgumentException("EvaluateOptions must not be null");
        requireCompiled("evaluate");
        if (x == null || y == null) throw new IllegalArgumentException("evaluate: x and y must not be null");
        return new Trainer(graphFor(x, "evaluate"), this).evaluate(List.of(x), List.of(y), options);
    }

    @Override
    public NDArray predict(NDArray x, PredictOptions options) {
        if (options == null) throw new IllegalArgumentException("PredictOptions must not be null");
        return new Trainer(graphFor(x, "predict"), this).predict(Arrays.asList(x), options).get(0);
    }

    @Override
    public NDArray predict(NDArray... inputs) {
        if (inputs.length != 1) throw new IllegalArgumentException("Sequential takes one input, got " + inputs.length);
        return new Trainer(graphFor(inputs[0], "predict"), this).predict(Arrays.asList(inputs), null).get(0);
    }

    @Override
    public List<NDArray> getWeights() {
        Functional g = isBuilt() ? graph() : null;
        if (g != null) return g.getWeights(); // from another thread during fit: the weights of one whole step
        List<NDArray> out = new ArrayList<>();
        for (Layer l : layers) {
            for (Variable v : l.weights()) out.add(NDArray.of(Arrays.copyOfRange(v.data, v.off, v.off + v.size()), v.shape()));
        }
        return out;
    }

    @Override
    public void setWeights(List<NDArray> values) {
        Functional g = isBuilt() ? graph() : null;
        if (g != null) {
            g.setWeights(values); // under the weights' write lock: a concurrent predict sees the old weights or the new
            return;
        }
        List<Variable> vars = new ArrayList<>();
        for (Layer l : layers) vars.addAll(l.weights());
        if (values == null || values.size() != vars.size()) {
            throw new IllegalArgumentException("setWeights: the model has " + vars.size() + " weights, got "
                    + (values == null ? "null" : values.size()));
        }
        for (int i = 0; i < vars.size(); i++) {
            Variable v = vars.get(i);
            if (values.get(i) == null || !Arrays.equals(v.shape(), values.get(i).shape())) {
                throw new IllegalArgumentException("setWeights: weight " + i + " '" + v.name() + "' has shape "
                        + NDArray.shapeString(v.shape()) + ", got " + (values.get(i) == null ? "null" : NDArray.shapeString(values.get(i).shape())));
            }
        }
        for (int i = 0; i < vars.size(); i++) {
            System.arraycopy(values.get(i).toFloatArray(), 0, vars.get(i).data, vars.get(i).off, vars.get(i).size());
            vars.get(i).changed();
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
