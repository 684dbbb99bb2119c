package io.keras4j.layers;

import io.keras4j.NDArray;
import io.keras4j.constraints.Constraint;
import io.keras4j.constraints.Constraints;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;
import io.keras4j.engine.ops.LayerNormOp;
import io.keras4j.initializers.Initializers;
import io.keras4j.regularizers.Regularizer;
import io.keras4j.regularizers.Regularizers;
import java.util.Map;

/**
 * {@code keras.layers.LayerNormalization(axis=-1, epsilon=0.001, center=True, scale=True,
 * beta_initializer="zeros", gamma_initializer="ones", ...)}: each sample normalised over its
 * last axis, the same in training and inference.
 * <pre>
 * y = (x - mean) / sqrt(var + epsilon) * gamma + beta      mean, var (biased) over the last axis
 * </pre>
 * Weights (Keras order): {@code gamma} (if scale), {@code beta} (if center), of the size of the
 * last axis. Only the last axis is supported (Keras's default); Keras 3's {@code rms_scaling} is
 * not.
 */
public class LayerNormalization extends Layer {
    private int axis = -1;
    private double epsilon = 1e-3;
    private boolean center = true, scale = true;
    private String betaInitializer = "zeros", gammaInitializer = "ones";
    private Regularizer betaRegularizer, gammaRegularizer;
    private Constraint betaConstraint, gammaConstraint;
    private Variable gamma, beta;

    public LayerNormalization() {
        super("layer_normalization");
    }

    /** Keras's first positional argument, {@code axis} (the last axis only). */
    public LayerNormalization(int axis) {
        this();
        axis(axis);
    }

    /** The normalised axis (default -1; only the last axis is supported, as -1 or its positive index). */
    public LayerNormalization axis(int axis) {
        if (axis == 0) throw new IllegalArgumentException(describe() + ": axis 0 is the batch axis");
        this.axis = axis;
        return this;
    }

    /** Added to the variance before the square root (default 1e-3). */
    public LayerNormalization epsilon(double epsilon) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) throw new IllegalArgumentException(describe() + ": epsilon must be > 0, got " + epsilon);
        this.epsilon = epsilon;
        return this;
    }

    public LayerNormalization center(boolean center) {
        this.center = center;
        return this;
    }

    public LayerNormalization scale(boolean scale) {
        this.scale = scale;
        return this;
    }

    public LayerNormalization betaInitializer(String name) {
        Initializers.get(name);
        this.betaInitializer = name;
        return this;
    }

    public LayerNormalization gammaInitializer(String name) {
        Initializers.get(name);
        this.gammaInitializer = name;
        return this;
    }

    public LayerNormalization betaRegularizer(Regularizer r) {
        this.betaRegularizer = r;
        return this;
    }

    public LayerNormalization betaRegularizer(String name) {
        return betaRegularizer(Regularizers.get(name));
    }

    public LayerNormalization gammaRegularizer(Regularizer r) {
        this.gammaRegularizer = r;
        return this;
    }

    public LayerNormalization gammaRegularizer(String name) {
        return gammaRegularizer(Regularizers.get(name));
    }

    public LayerNormalization betaConstraint(Constraint c) {
        this.betaConstraint = c;
        return this;
    }

    public LayerNormalization betaConstraint(String name) {
        return betaConstraint(Constraints.get(name));
    }

    public LayerNormalization gammaConstraint(Constraint c) {
        this.gammaConstraint = c;
        return this;
    }

    public LayerNormalization gammaConstraint(String name) {
        return gammaConstraint(Constraints.get(name));
    }

    @Override
    public LayerNormalization inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public LayerNormalization name(String name) {
        super.name(name);
        return this;
    }

    @Override
    protected void validateInput(int[] inputShape) {
        int rank = inputShape.length + 1;
        if (inputShape.length == 0 || (axis < 0 ? axis + rank : axis) != rank - 1) {
            throw new IllegalArgumentException(describe() + ": only the last axis can be normalised, got axis " + axis
                    + " for input " + NDArray.shapeString(withBatch(inputShape)));
        }
    }

    @Override
    protected void build(int[] inputShape) {
        int[] shape = {inputShape[inputShape.length - 1]};
        if (scale) gamma = addWeight("gamma", shape, Initializers.get(gammaInitializer), true, gammaRegularizer, gammaConstraint);
        if (center) beta = addWeight("beta", shape, Initializers.get(betaInitializer), true, betaRegularizer, betaConstraint);
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        return addLosses(new LayerNormOp(x, gamma, beta, epsilon).output(), null);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    public static LayerNormalization fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        int[] axes = c.getInts("axis", -1);
        if (axes.length != 1) throw new IllegalArgumentException("LayerNormalization: only one axis is supported, got " + c.get("axis"));
        if (c.getBoolean("rms_scaling", false)) throw new IllegalArgumentException("LayerNormalization: rms_scaling is not supported");
        LayerNormalization l = new LayerNormalization().axis(axes[0])
                .epsilon(c.getDouble("epsilon", 1e-3))
                .center(c.getBoolean("center", true))
                .scale(c.getBoolean("scale", true))
                .betaInitializer(ConfigInitializers.name(c, "beta_initializer", "zeros"))
                .gammaInitializer(ConfigInitializers.name(c, "gamma_initializer", "ones"))
                .betaRegularizer(Regularizers.fromConfig(c.get("beta_regularizer")))
                .gammaRegularizer(Regularizers.fromConfig(c.get("gamma_regularizer")))
                .betaConstraint(Constraints.fromConfig(c.get("beta_constraint")))
                .gammaConstraint(Constraints.fromConfig(c.get("gamma_constraint")));
        return c.applyBase(l);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axis);
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
        c.put("rms_scaling", false);
        c.put("beta_initializer", betaInitializer);
        c.put("gamma_initializer", gammaInitializer);
        c.put("beta_regularizer", Regularizers.serialize(betaRegularizer));
        c.put("gamma_regularizer", Regularizers.serialize(gammaRegularizer));
        c.put("beta_constraint", Constraints.serialize(betaConstraint));
        c.put("gamma_constraint", Constraints.serialize(gammaConstraint));
        return c;
    }
}
