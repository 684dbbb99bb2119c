package io.keras4j.layers;

import io.keras4j.NDArray;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;
import io.keras4j.initializers.Initializer;
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

    /** The output shape (without batch) for an input shape (without batch). */
    public abstract int[] computeOutputShape(int[] inputShape);

    /** The layer's configuration, Keras keys in snake_case. */
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("trainable", true);
        c.put("dtype", "float32");
        return c;
    }

    /** Creates a weight filled by {@code init}. */
    protected final Variable addWeight(String weightName, int[] shape, Initializer init, boolean trainable) {
        WeightBudget.charge(this, weightName, shape);
        Variable v = new Variable(name + "/" + weightName, shape, trainable);
        init.fill(v.data, shape);
        v.changed();
        weights.add(v);
        return v;
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
