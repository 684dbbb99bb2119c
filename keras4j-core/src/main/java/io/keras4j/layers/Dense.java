package io.keras4j.layers;

import io.keras4j.activations.Activations;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;
import io.keras4j.engine.ops.DenseOp;
import io.keras4j.initializers.Initializers;
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
    private final String activation;
    private boolean useBias = true;
    private String kernelInitializer = "glorot_uniform";
    private String biasInitializer = "zeros";
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
        kernel = addWeight("kernel", new int[] {in, units}, Initializers.get(kernelInitializer), true);
        if (useBias) bias = addWeight("bias", new int[] {units}, Initializers.get(biasInitializer), true);
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        boolean relu = activation.equals("relu");
        Tensor y = new DenseOp(x, kernel, useBias ? bias : null, relu).output();
        return relu ? y : Activations.apply(activation, y);
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
                .biasInitializer(c.getString("bias_initializer", "zeros"));
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
        return c;
    }
}
