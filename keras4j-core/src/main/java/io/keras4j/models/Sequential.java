package io.keras4j.models;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;
import io.keras4j.layers.Layer;
import io.keras4j.losses.Loss;
import io.keras4j.losses.Losses;
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
    private final String name;
    private final List<Layer> layers = new ArrayList<>();
    private int[] inputShape;
    private final Weights weights = new Weights();
    private Optimizer optimizer;
    private Loss loss;
    private List<String> metricNames = List.of();
    private boolean stopTraining;
    private Executable trainExec, evalExec, predictExec;

    public Sequential() {
        this.name = Layer.uniqueName("sequential");
    }

    @Override
    public String name() {
        return name;
    }

    /** Appends a layer; builds it at once when the model's input shape is known. */
    public void add(Layer layer) {
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

    /** Builds every layer for inputs of {@code featureShape} (without batch), or checks it matches. */
    void ensureBuilt(int[] featureShape) {
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
        if (!weights.bound()) {
            List<Variable> vars = new ArrayList<>();
            for (Layer l : layers) vars.addAll(l.weights());
            weights.bind(vars);
            if (optimizer != null) optimizer.build(weights.size());
        }
    }

    private void invalidate() {
        weights.unbind();
        trainExec = evalExec = predictExec = null;
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
        trainExec = evalExec = null;
        if (weights.bound()) optimizer.build(weights.size());
        else if (isBuilt()) ensureBuilt(inputShape);
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

    Loss loss() {
        return loss;
    }

    List<String> metricNames() {
        return metricNames;
    }

    Weights weightArena() {
        return weights;
    }

    private Tensor forward(Tensor x, boolean training) {
        Tensor t = x;
        for (Layer l : layers) t = l.call(t, training);
        return t;
    }

    /** The cached executable of this mode holding at least {@code capacity} samples (re-planned when smaller). */
    Executable executable(Executable.Mode mode, int capacity, int[] yRowShape) {
        Executable e = mode == Executable.Mode.TRAIN ? trainExec : mode == Executable.Mode.EVAL ? evalExec : predictExec;
        boolean sameY = e == null || mode == Executable.Mode.PREDICT || Arrays.equals(e.y.shape(), Layer.withBatch(yRowShape));
        if (e == null || e.capacity() != capacity || !sameY) {
            boolean training = mode == Executable.Mode.TRAIN;
            e = new Executable(inputShape, x -> forward(x, training), loss, yRowShape, capacity, mode);
            if (mode == Executable.Mode.TRAIN) trainExec = e;
            else if (mode == Executable.Mode.EVAL) evalExec = e;
            else predictExec = e;
        }
        return e;
    }

    @Override
    public History fit(NDArray x, NDArray y, FitOptions options) {
        return new Trainer(this).fit(x, y, options);
    }

    @Override
    public Map<String, Double> evaluate(NDArray x, NDArray y, int verbose) {
        return new Trainer(this).evaluate(x, y, verbose);
    }

    @Override
    public NDArray predict(NDArray... inputs) {
        if (inputs.length != 1) throw new IllegalArgumentException("Sequential takes one input, got " + inputs.length);
        return new Trainer(this).predict(inputs[0]);
    }

    @Override
    public List<NDArray> getWeights() {
        List<NDArray> out = new ArrayList<>();
        for (Layer l : layers) {
            for (Variable v : l.weights()) out.add(NDArray.of(Arrays.copyOfRange(v.data, v.off, v.off + v.size()), v.shape()));
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
        for (int i = 0; i < vars.size(); i++) {
            Variable v = vars.get(i);
            System.arraycopy(values.get(i).toFloatArray(), 0, v.data, v.off, v.size());
            v.changed();
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
}
