package io.keras4j.layers;

import io.keras4j.NDArray;
import io.keras4j.constraints.Constraint;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;
import io.keras4j.engine.ops.Penalty;
import io.keras4j.initializers.Initializer;
import io.keras4j.regularizers.Regularizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code keras.layers.Layer}: the constructor validates and stores the configuration,
 * {@link #build} creates the weights once the input shape is known, {@link #call} computes the
 * output with ops only (their gradients come with them: a layer never writes backward code).
 *
 * <p>Shapes given to and returned by layers exclude the batch dimension.
 */
public abstract class Layer {
    private static final Map<String, Integer> UIDS = new ConcurrentHashMap<>();

    private String name;
    private int[] declaredInputShape;
    private int[] builtInputShape;
    private final List<Variable> weights = new ArrayList<>();
    private boolean trainable = true;
    /** Weights with a regularizer or a constraint, beside it (indexed lists: a training step iterates them). */
    private final List<Variable> regularized = new ArrayList<>(), constrained = new ArrayList<>();
    private final List<Regularizer> regularizers = new ArrayList<>();
    private final List<Constraint> constraints = new ArrayList<>();
    private final List<int[]> constrainedShapes = new ArrayList<>();

    /** @param baseName the snake_case class name Keras derives names from, e.g. {@code "dense"}. */
    protected Layer(String baseName) {
        this.name = uniqueName(baseName);
    }

    /** Keras's auto-naming: {@code dense}, {@code dense_1}, {@code dense_2}, ... per JVM. */
    public static String uniqueName(String base) {
        int uid = UIDS.merge(base, 1, Integer::sum) - 1;
        return uid == 0 ? base : base + "_" + uid;
    }

    public String name() {
        return name;
    }

    /** Sets the layer's name (Keras's {@code name=} argument). */
    public Layer name(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a layer name must not be empty");
        this.name = name;
        return this;
    }

    /** Declares the input shape (without the batch dimension) of a model's first layer. */
    public Layer inputShape(int... shape) {
        for (int d : shape) {
            if (d <= 0) throw new IllegalArgumentException(describe() + ": input shape dimensions must be positive, got "
                    + NDArray.shapeString(shape));
        }
        this.declaredInputShape = shape.clone();
        return this;
    }

    /** The declared input shape, or null when none was given. */
    public int[] declaredInputShape() {
        return declaredInputShape == null ? null : declaredInputShape.clone();
    }

    public boolean built() {
        return builtInputShape != null;
    }

    /** The input shape the layer was built for (without batch), or null. */
    public int[] builtInputShape() {
        return builtInputShape == null ? null : builtInputShape.clone();
    }

    /**
     * Builds the layer for {@code inputShape} (without batch) if it is not built yet; if it is,
     * checks that the shape is the one it was built for.
     */
    public final void ensureBuilt(int[] inputShape) {
        if (builtInputShape != null) {
            if (!java.util.Arrays.equals(builtInputShape, inputShape)) throw incompatible(inputShape);
            return;
        }
        if (declaredInputShape != null && !java.util.Arrays.equals(declaredInputShape, inputShape)) {
            throw incompatible(inputShape);
        }
        validateInput(inputShape);
        build(inputShape);
        builtInputShape = inputShape.clone();
    }

    /** Throws {@link IllegalArgumentException} when the layer cannot take inputs of this shape. */
    protected void validateInput(int[] inputShape) {}

    /** Creates the weights for inputs of {@code inputShape} (without batch). */
    protected abstract void build(int[] inputShape);

    /** The output for a batch-major {@code x}, written with ops. */
    public abstract Tensor call(Tensor x, boolean training);

    /**
     * Keras's {@code supports_masking}: whether this layer accepts an input that carries a mask
     * (Embedding's {@code mask_zero}, Masking). Default false: a model refuses to pass it a mask.
     */
    public boolean supportsMasking() {
        return false;
    }

    /**
     * Keras's {@code compute_mask(inputs, previous_mask)}: the mask {@code (n, steps)} (1 keeps a
     * step, 0 skips it) of the output for input {@code x} carrying {@code mask}, or null for none.
     * Default: the input's mask passes through a layer that supports masking.
     */
    public Tensor computeMask(Tensor x, Tensor mask) {
        return supportsMasking() ? mask : null;
    }

    /** {@link #call(Tensor, boolean)} with the input's mask (null for none); layers using masks override it. */
    public Tensor call(Tensor x, Tensor mask, boolean training) {
        return call(x, training);
    }

    /** The output shape (without batch) for an input shape (without batch). */
    public abstract int[] computeOutputShape(int[] inputShape);

    /** The layer's configuration, Keras keys in snake_case. */
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("trainable", trainable);
        c.put("dtype", "float32");
        return c;
    }

    /** Creates a weight filled by {@code init}. */
    protected final Variable addWeight(String weightName, int[] shape, Initializer init, boolean trainable) {
        WeightBudget.charge(this, weightName, shape);
        Variable v = new Variable(name + "/" + weightName, shape, trainable);
        init.fill(v.data, shape);
        v.changed();
        v.frozen(!this.trainable);
        weights.add(v);
        return v;
    }

    /**
     * Keras's {@code layer.trainable = False}: freezes the layer. Its weights leave the optimizer
     * (no gradient, no update, no momentum or weight decay) and {@code summary()} counts them as
     * non-trainable; {@code true} makes them trainable again. The model picks the change up at its
     * next {@code fit}, and then starts the optimizer's state afresh (Keras asks for a new
     * {@code compile} after such a change).
     */
    public Layer trainable(boolean trainable) {
        this.trainable = trainable;
        for (Variable v : weights) v.frozen(!trainable);
        return this;
    }

    /** Whether the layer is trainable ({@code layer.trainable}). */
    public boolean trainable() {
        return trainable;
    }

    /** Copies of the layer's weights in Keras order ({@code layer.get_weights()}); empty before build. */
    public List<NDArray> getWeights() {
        List<NDArray> out = new ArrayList<>();
        for (Variable v : weights()) out.add(NDArray.of(java.util.Arrays.copyOfRange(v.data, v.off, v.off + v.size()), v.shape()));
        return out;
    }

    /** Sets the layer's weights ({@code layer.set_weights(...)}), in the order of {@link #getWeights()}; shapes must match. */
    public void setWeights(List<NDArray> values) {
        List<Variable> weights = weights(); // a wrapper's are its inner layers'
        if (values == null || values.size() != weights.size()) {
            throw new IllegalArgumentException(describe() + ": setWeights expects " + weights.size() + " arrays"
                    + (built() ? "" : " (the layer is not built yet)") + ", got " + (values == null ? "null" : values.size()));
        }
        for (int i = 0; i < weights.size(); i++) {
            Variable v = weights.get(i);
            if (values.get(i) == null || !java.util.Arrays.equals(v.shape(), values.get(i).shape())) {
                throw new IllegalArgumentException(describe() + ": weight " + i + " '" + v.name() + "' has shape "
                        + NDArray.shapeString(v.shape()) + ", got " + (values.get(i) == null ? "null"
                        : NDArray.shapeString(values.get(i).shape())));
            }
        }
        for (int i = 0; i < weights.size(); i++) {
            Variable v = weights.get(i);
            System.arraycopy(values.get(i).toFloatArray(), 0, v.data, v.off, v.size());
            v.changed();
        }
    }

    /**
     * {@link #addWeight(String, int[], Initializer, boolean)} with Keras's {@code regularizer} (its
     * penalty added to the training loss) and {@code constraint} (applied after each optimizer
     * step); either may be null.
     */
    protected final Variable addWeight(String weightName, int[] shape, Initializer init, boolean trainable,
                                       Regularizer regularizer, Constraint constraint) {
        Variable v = addWeight(weightName, shape, init, trainable);
        if (regularizer != null && trainable) {
            regularized.add(v);
            regularizers.add(regularizer);
        }
        if (constraint != null && trainable) {
            constrained.add(v);
            constraints.add(constraint);
            constrainedShapes.add(shape.clone());
        }
        return v;
    }

    /**
     * Adds this layer's losses to the graph of {@code output} (Keras's {@code layer.losses}): each
     * regularized weight's penalty (once per graph) and, when {@code activity} is not null, the
     * penalty of {@code output} over the whole batch (Keras 3: not divided by the batch size).
     * A layer's {@code call} ends with {@code return addLosses(y, activityRegularizer);}.
     */
    protected final Tensor addLosses(Tensor output, Regularizer activity) {
        for (int i = 0; i < regularized.size(); i++) {
            Variable v = regularized.get(i);
            Regularizer r = regularizers.get(i);
            output.graph().addLoss(v, () -> new Penalty(output.graph(), v, r).output());
        }
        if (activity != null) output.graph().addLoss(output, () -> new Penalty(output, activity).output());
        return output;
    }

    /** Projects every constrained weight (after an optimizer step). Allocates nothing after the first call. */
    public final void applyConstraints() {
        for (int i = 0; i < constrained.size(); i++) {
            Variable v = constrained.get(i);
            constraints.get(i).apply(v.data, v.off, constrainedShapes.get(i));
            v.changed();
        }
    }

    /** Whether {@link #applyConstraints} has anything to do. */
    public final boolean hasConstraints() {
        return !constrained.isEmpty();
    }

    /**
     * The functional API's {@code layer(x)}: builds the layer for {@code x}'s shape (at once, so a
     * wrong shape fails on this line, naming the layer and both shapes) and returns the symbolic
     * output. A layer applied to several tensors shares one set of weights between the calls.
     * Merge layers ({@code Add}, {@code Concatenate}, ...) take several tensors; others take one.
     */
    public io.keras4j.KerasTensor apply(io.keras4j.KerasTensor... inputs) {
        if (inputs == null || inputs.length != 1 || inputs[0] == null) {
            throw new IllegalArgumentException(describe() + " takes one input tensor, got "
                    + (inputs == null ? "null" : inputs.length == 1 ? "null" : String.valueOf(inputs.length))
                    + (inputs != null && inputs.length > 1 ? "; merge layers (Add, Concatenate, ...) take several" : ""));
        }
        int[] s = inputs[0].shape();
        ensureBuilt(s);
        return new io.keras4j.KerasTensor(computeOutputShape(s), this, java.util.List.of(inputs), name);
    }

    /**
     * The functional API's call of a layer with several outputs (a recurrent layer with
     * {@code returnState}: {@code [output, h]} or {@code [output, h, c]}), Keras's
     * {@code outputs = layer(x)} as a list; for other layers the one output of {@link #apply}.
     */
    public List<io.keras4j.KerasTensor> applyAll(io.keras4j.KerasTensor... inputs) {
        return List.of(apply(inputs));
    }

    /**
     * Records a call of the layer on {@code inputs} (one tensor, or more for layers taking extra
     * inputs such as a recurrent layer's initial state), returning every output: what a model
     * runs for a node of {@link #applyAll}. Default: {@link #call(Tensor, Tensor, boolean)} on the one input.
     */
    public List<Tensor> callAll(List<Tensor> inputs, Tensor mask, boolean training) {
        return List.of(call(inputs.get(0), mask, training));
    }

    /** Keras's repr: {@code <Dense name=dense, built=True>}. */
    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " name=" + name + ", built=" + (built() ? "True" : "False") + ">";
    }

    /** The layer's weights in Keras order. */
    public List<Variable> weights() {
        return Collections.unmodifiableList(weights);
    }

    /** The number of scalars in all weights. */
    public int countParams() {
        int n = 0;
        for (Variable v : weights) n += v.size();
        return n;
    }

    /** {@code Dense 'dense_2'} — how messages name a layer. */
    public String describe() {
        return getClass().getSimpleName() + " '" + name + "'";
    }

    /** The standard error for a wrong input shape, naming the layer and both shapes. */
    protected final IllegalArgumentException incompatible(int[] got) {
        return new IllegalArgumentException(describe() + ": expected input shape "
                + NDArray.shapeString(withBatch(expectedInputShape())) + ", got " + NDArray.shapeString(withBatch(got)));
    }

    /** The shape this layer expects (without batch), for error messages. */
    protected int[] expectedInputShape() {
        return builtInputShape != null ? builtInputShape : declaredInputShape;
    }

    /** Prepends the batch dimension ({@code None}). */
    public static int[] withBatch(int[] shape) {
        if (shape == null) return new int[] {-1};
        int[] s = new int[shape.length + 1];
        s[0] = -1;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }
}
