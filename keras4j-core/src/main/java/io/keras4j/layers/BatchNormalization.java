package io.keras4j.layers;

import io.keras4j.NDArray;
import io.keras4j.constraints.Constraint;
import io.keras4j.constraints.Constraints;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;
import io.keras4j.engine.ops.BatchNormOp;
import io.keras4j.initializers.Initializers;
import io.keras4j.regularizers.Regularizer;
import io.keras4j.regularizers.Regularizers;
import java.util.Map;

/**
 * {@code keras.layers.BatchNormalization(axis=-1, momentum=0.99, epsilon=0.001, center=True,
 * scale=True, beta_initializer="zeros", gamma_initializer="ones",
 * moving_mean_initializer="zeros", moving_variance_initializer="ones", ...)}.
 * <pre>
 * training:  y = (x - mean_batch) / sqrt(var_batch + epsilon) * gamma + beta      (var biased)
 *            moving_mean = moving_mean * momentum + mean_batch * (1 - momentum)  (and moving_variance)
 * inference: y = (x - moving_mean) / sqrt(moving_variance + epsilon) * gamma + beta
 * </pre>
 * Weights (Keras order): {@code gamma} (if scale), {@code beta} (if center), {@code moving_mean},
 * {@code moving_variance} (these two not trainable), each of the size of the normalised axis.
 * The axis counts the batch as 0; -1 is the last (channels-last images), 1 for channels-first.
 * <pre>{@code
 * model.add(new Conv2D(32, 3)); model.add(new BatchNormalization()); model.add(new ReLU());
 * }</pre>
 */
public class BatchNormalization extends Layer {
    private int axis = -1;
    private double momentum = 0.99, epsilon = 1e-3;
    private boolean center = true, scale = true;
    private String betaInitializer = "zeros", gammaInitializer = "ones";
    private String movingMeanInitializer = "zeros", movingVarianceInitializer = "ones";
    private Regularizer betaRegularizer, gammaRegularizer;
    private Constraint betaConstraint, gammaConstraint;
    private Variable gamma, beta, movingMean, movingVariance;

    public BatchNormalization() {
        super("batch_normalization");
    }

    /** Keras's first positional argument, {@code axis}. */
    public BatchNormalization(int axis) {
        this();
        axis(axis);
    }

    /** The axis normalised (default -1). */
    public BatchNormalization axis(int axis) {
        if (axis == 0) throw new IllegalArgumentException(describe() + ": axis 0 is the batch axis");
        this.axis = axis;
        return this;
    }

    /** Weight of the old value in the moving statistics (default 0.99). */
    public BatchNormalization momentum(double momentum) {
        if (!(momentum >= 0 && momentum <= 1)) throw new IllegalArgumentException(describe() + ": momentum must be in [0, 1], got " + momentum);
        this.momentum = momentum;
        return this;
    }

    /** Added to the variance before the square root (default 1e-3). */
    public BatchNormalization epsilon(double epsilon) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) throw new IllegalArgumentException(describe() + ": epsilon must be > 0, got " + epsilon);
        this.epsilon = epsilon;
        return this;
    }

    /** Whether to add the learned offset beta (default true). */
    public BatchNormalization center(boolean center) {
        this.center = center;
        return this;
    }

    /** Whether to multiply by the learned gamma (default true). */
    public BatchNormalization scale(boolean scale) {
        this.scale = scale;
        return this;
    }

    public BatchNormalization betaInitializer(String name) {
        Initializers.get(name);
        this.betaInitializer = name;
        return this;
    }

    public BatchNormalization gammaInitializer(String name) {
        Initializers.get(name);
        this.gammaInitializer = name;
        return this;
    }

    public BatchNormalization movingMeanInitializer(String name) {
        Initializers.get(name);
        this.movingMeanInitializer = name;
        return this;
    }

    public BatchNormalization movingVarianceInitializer(String name) {
        Initializers.get(name);
        this.movingVarianceInitializer = name;
        return this;
    }

    public BatchNormalization betaRegularizer(Regularizer r) {
        this.betaRegularizer = r;
        return this;
    }

    public BatchNormalization betaRegularizer(String name) {
        return betaRegularizer(Regularizers.get(name));
    }

    public BatchNormalization gammaRegularizer(Regularizer r) {
        this.gammaRegularizer = r;
        return this;
    }

    public BatchNormalization gammaRegularizer(String name) {
        return gammaRegularizer(Regularizers.get(name));
    }

    public BatchNormalization betaConstraint(Constraint c) {
        this.betaConstraint = c;
        return this;
    }

    public BatchNormalization betaConstraint(String name) {
        return betaConstraint(Constraints.get(name));
    }

    public BatchNormalization gammaConstraint(Constraint c) {
        this.gammaConstraint = c;
        return this;
    }

    public BatchNormalization gammaConstraint(String name) {
        return gammaConstraint(Constraints.get(name));
    }

    @Override
    public BatchNormalization inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public BatchNormalization name(String name) {
        super.name(name);
        return this;
    }

    /** The axis counted from the start (batch = 0) for inputs of {@code rank} dimensions with the batch. */
    private int resolved(int rank) {
        return axis < 0 ? axis + rank : axis;
    }

    @Override
    protected void validateInput(int[] inputShape) {
        int a = resolved(inputShape.length + 1);
        if (inputShape.length == 0 || a < 1 || a > inputShape.length) {
            throw new IllegalArgumentException(describe() + ": axis " + axis + " is not a feature axis of input "
                    + NDArray.shapeString(withBatch(inputShape)));
        }
    }

    @Override
    protected void build(int[] inputShape) {
        int[] shape = {inputShape[resolved(inputShape.length + 1) - 1]};
        if (scale) gamma = addWeight("gamma", shape, Initializers.get(gammaInitializer), true, gammaRegularizer, gammaConstraint);
        if (center) beta = addWeight("beta", shape, Initializers.get(betaInitializer), true, betaRegularizer, betaConstraint);
        movingMean = addWeight("moving_mean", shape, Initializers.get(movingMeanInitializer), false);
        movingVariance = addWeight("moving_variance", shape, Initializers.get(movingVarianceInitializer), false);
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        Tensor y = new BatchNormOp(x, resolved(x.rank()), gamma, beta, movingMean, movingVariance, momentum, epsilon, training).output();
        return addLosses(y, null);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    public static BatchNormalization fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        int[] axes = c.getInts("axis", -1);
        if (axes.length != 1) throw new IllegalArgumentException("BatchNormalization: only one axis is supported, got " + c.get("axis"));
        BatchNormalization b = new BatchNormalization().axis(axes[0])
                .momentum(c.getDouble("momentum", 0.99))
                .epsilon(c.getDouble("epsilon", 1e-3))
                .center(c.getBoolean("center", true))
                .scale(c.getBoolean("scale", true))
                .betaInitializer(ConfigInitializers.name(c, "beta_initializer", "zeros"))
                .gammaInitializer(ConfigInitializers.name(c, "gamma_initializer", "ones"))
                .movingMeanInitializer(ConfigInitializers.name(c, "moving_mean_initializer", "zeros"))
                .movingVarianceInitializer(ConfigInitializers.name(c, "moving_variance_initializer", "ones"))
                .betaRegularizer(Regularizers.fromConfig(c.get("beta_regularizer")))
                .gammaRegularizer(Regularizers.fromConfig(c.get("gamma_regularizer")))
                .betaConstraint(Constraints.fromConfig(c.get("beta_constraint")))
                .gammaConstraint(Constraints.fromConfig(c.get("gamma_constraint")));
        return c.applyBase(b);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axis);
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
        c.put("beta_initializer", betaInitializer);
        c.put("gamma_initializer", gammaInitializer);
        c.put("moving_mean_initializer", movingMeanInitializer);
        c.put("moving_variance_initializer", movingVarianceInitializer);
        c.put("beta_regularizer", Regularizers.serialize(betaRegularizer));
        c.put("gamma_regularizer", Regularizers.serialize(gammaRegularizer));
        c.put("beta_constraint", Constraints.serialize(betaConstraint));
        c.put("gamma_constraint", Constraints.serialize(gammaConstraint));
        c.put("synchronized", false);
        return c;
    }
}
