package io.keras4j.layers;

import io.keras4j.activations.Activations;
import io.keras4j.constraints.Constraint;
import io.keras4j.constraints.Constraints;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;
import io.keras4j.engine.ops.DenseOp;
import io.keras4j.initializers.Initializers;
import io.keras4j.regularizers.Regularizer;
import io.keras4j.regularizers.Regularizers;
import java.util.Map;

/**
 * {@code keras.layers.Dense}: {@code y = activation(x @ kernel + bias)} on the last axis.
 * Kernel {@code (in, units)}, default {@code glorot_uniform}; bias {@code (units)}, default
 * {@code zeros}; activation default {@code linear}.
 * <pre>{@code
 * model.add(new Dense(4, "relu").inputDim(2));
 * }</pre>
 */
public class Dense extends Layer {
    private final int units;
    private String activation;
    private boolean useBias = true;
    private String kernelInitializer = "glorot_uniform";
    private String biasInitializer = "zeros";
    private Regularizer kernelRegularizer, biasRegularizer, activityRegularizer;
    private Constraint kernelConstraint, biasConstraint;
    private Variable kernel, bias;

    public Dense(int units) {
        this(units, null);
    }

    public Dense(int units, String activation) {
        super("dense");
        if (units <= 0) throw new IllegalArgumentException("Dense: units must be a positive integer, got " + units);
        this.units = units;
        this.activation = Activations.canonical(activation);
    }

    /** Keras's {@code input_dim=d}: same as {@code inputShape(d)}. */
    public Dense inputDim(int dim) {
        return inputShape(dim);
    }

    @Override
    public Dense inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public Dense name(String name) {
        super.name(name);
        return this;
    }

    /** The activation by name (default {@code linear}), as the constructor's second argument. */
    public Dense activation(String activation) {
        this.activation = Activations.canonical(activation);
        return this;
    }

    /** Whether to add a bias (default true). */
    public Dense useBias(boolean useBias) {
        this.useBias = useBias;
        return this;
    }

    /** Kernel initializer by name (default {@code glorot_uniform}). */
    public Dense kernelInitializer(String name) {
        Initializers.get(name);
        this.kernelInitializer = name;
        return this;
    }

    /** Bias initializer by name (default {@code zeros}). */
    public Dense biasInitializer(String name) {
        Initializers.get(name);
        this.biasInitializer = name;
        return this;
    }

    /** Penalty on the kernel added to the loss (default none), e.g. {@code new L2(1e-4)}. */
    public Dense kernelRegularizer(Regularizer r) {
        this.kernelRegularizer = r;
        return this;
    }

    /** {@link #kernelRegularizer(Regularizer)} by name: {@code "l1"}, {@code "l2"}, {@code "l1_l2"}. */
    public Dense kernelRegularizer(String name) {
        return kernelRegularizer(Regularizers.get(name));
    }

    /** Penalty on the bias added to the loss (default none). */
    public Dense biasRegularizer(Regularizer r) {
        this.biasRegularizer = r;
        return this;
    }

    public Dense biasRegularizer(String name) {
        return biasRegularizer(Regularizers.get(name));
    }

    /** Penalty on the layer's output (after the activation) added to the loss (default none). */
    public Dense activityRegularizer(Regularizer r) {
        this.activityRegularizer = r;
        return this;
    }

    public Dense activityRegularizer(String name) {
        return activityRegularizer(Regularizers.get(name));
    }

    /** Projection of the kernel after each optimizer step (default none), e.g. {@code new MaxNorm(3)}. */
    public Dense kernelConstraint(Constraint c) {
        this.kernelConstraint = c;
        return this;
    }

    /** {@link #kernelConstraint(Constraint)} by name: {@code "max_norm"}, {@code "non_neg"}, ... */
    public Dense kernelConstraint(String name) {
        return kernelConstraint(Constraints.get(name));
    }

    /** Projection of the bias after each optimizer step (default none). */
    public Dense biasConstraint(Constraint c) {
        this.biasConstraint = c;
        return this;
    }

    public Dense biasConstraint(String name) {
        return biasConstraint(Constraints.get(name));
    }

    public int units() {
        return units;
    }

    public String activation() {
        return activation;
    }

    @Override
    protected void validateInput(int[] inputShape) {
        if (inputShape.length == 0) throw incompatible(inputShape);
    }

    @Override
    protected void build(int[] inputShape) {
        int in = inputShape[inputShape.length - 1];
        kernel = addWeight("kernel", new int[] {in, units}, Initializers.get(kernelInitializer), true, kernelRegularizer,
                kernelConstraint);
        if (useBias) bias = addWeight("bias", new int[] {units}, Initializers.get(biasInitializer), true, biasRegularizer, biasConstraint);
    }

    /** As Keras 3 ({@code supports_masking = True}): a step mask passes through, each step computed alone. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        boolean relu = activation.equals("relu");
        Tensor y = new DenseOp(x, kernel, useBias ? bias : null, relu).output();
        return addLosses(relu ? y : Activations.apply(activation, y), activityRegularizer);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int[] s = inputShape.clone();
        s[s.length - 1] = units;
        return s;
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static Dense fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        Dense d = new Dense(c.getInt("units"), c.getString("activation", "linear"))
                .useBias(c.getBoolean("use_bias", true))
                .kernelInitializer(c.getString("kernel_initializer", "glorot_uniform"))
                .biasInitializer(c.getString("bias_initializer", "zeros"))
                .kernelRegularizer(Regularizers.fromConfig(c.get("kernel_regularizer")))
                .biasRegularizer(Regularizers.fromConfig(c.get("bias_regularizer")))
                .activityRegularizer(Regularizers.fromConfig(c.get("activity_regularizer")))
                .kernelConstraint(Constraints.fromConfig(c.get("kernel_constraint")))
                .biasConstraint(Constraints.fromConfig(c.get("bias_constraint")));
        return c.applyBase(d);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("units", units);
        c.put("activation", activation);
        c.put("use_bias", useBias);
        c.put("kernel_initializer", kernelInitializer);
        c.put("bias_initializer", biasInitializer);
        c.put("kernel_regularizer", Regularizers.serialize(kernelRegularizer));
        c.put("bias_regularizer", Regularizers.serialize(biasRegularizer));
        // Keras 3's Dense config has no activity_regularizer key (the fixture of its layout); kept only when set
        if (activityRegularizer != null) c.put("activity_regularizer", Regularizers.serialize(activityRegularizer));
        c.put("kernel_constraint", Constraints.serialize(kernelConstraint));
        c.put("bias_constraint", Constraints.serialize(biasConstraint));
        return c;
    }
}
