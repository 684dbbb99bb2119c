package io.keras4j.layers;

import io.keras4j.activations.Activations;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;
import io.keras4j.engine.kernels.ConvShape;
import io.keras4j.engine.ops.Conv;
import io.keras4j.initializers.Initializers;
import java.util.Map;

/**
 * {@code keras.layers.SeparableConv2D}: a depthwise convolution (as {@link DepthwiseConv2D},
 * with the strides, padding and dilation) then a pointwise 1x1 convolution to {@code filters}
 * channels, {@code y = activation(pointwise(depthwise(x)) + bias)}. Weights
 * {@code depthwise_kernel (kh, kw, in, depth_multiplier)}, {@code pointwise_kernel (1, 1,
 * in * depth_multiplier, filters)}, {@code bias (filters)}; both kernels {@code glorot_uniform}
 * by default. Other defaults as {@link BaseDepthwiseConv}.
 * <pre>{@code
 * model.add(new SeparableConv2D(64, 3, "relu").padding("same"));
 * }</pre>
 */
public class SeparableConv2D extends BaseDepthwiseConv<SeparableConv2D> {
    private final int filters;
    private String pointwiseInitializer = "glorot_uniform";
    private Variable depthwise, pointwise, bias;

    /** @param kernelSize {@code (kh, kw)}, or one value for both */
    public SeparableConv2D(int filters, int... kernelSize) {
        this(filters, kernelSize, null);
    }

    /** Convenience: {@code new SeparableConv2D(64, 3, "relu")}. */
    public SeparableConv2D(int filters, int kernelSize, String activation) {
        this(filters, new int[] {kernelSize}, activation);
    }

    public SeparableConv2D(int filters, int[] kernelSize, String activation) {
        super("separable_conv2d", kernelSize);
        if (filters <= 0) {
            throw new IllegalArgumentException("SeparableConv2D: invalid value for argument `filters`: expected a strictly "
                    + "positive value, got " + filters);
        }
        this.filters = filters;
        activation(activation);
    }

    /** The pointwise kernel's initializer by name (default {@code glorot_uniform}). */
    public SeparableConv2D pointwiseInitializer(String name) {
        Initializers.get(name);
        this.pointwiseInitializer = name;
        return this;
    }

    public int filters() {
        return filters;
    }

    /** Keras's {@code pointwise_regularizer}: a penalty on the pointwise kernel added to the loss (default none). */
    public SeparableConv2D pointwiseRegularizer(io.keras4j.regularizers.Regularizer r) {
        penalties.regularizer("pointwise", r);
        return this;
    }

    /** {@link #pointwiseRegularizer(io.keras4j.regularizers.Regularizer)} by name. */
    public SeparableConv2D pointwiseRegularizer(String name) {
        return pointwiseRegularizer(io.keras4j.regularizers.Regularizers.get(name));
    }

    /** Keras's {@code pointwise_constraint}: a projection of the pointwise kernel after each optimizer step (default none). */
    public SeparableConv2D pointwiseConstraint(io.keras4j.constraints.Constraint c) {
        penalties.constraint("pointwise", c);
        return this;
    }

    /** {@link #pointwiseConstraint(io.keras4j.constraints.Constraint)} by name. */
    public SeparableConv2D pointwiseConstraint(String name) {
        return pointwiseConstraint(io.keras4j.constraints.Constraints.get(name));
    }

    @Override
    java.util.List<String> roles() {
        return java.util.List.of("depthwise", "pointwise", "bias");
    }

    @Override
    protected void build(int[] inputShape) {
        int mid = channels(inputShape) * depthMultiplier;
        depthwise = addDepthwiseKernel("depthwise_kernel", inputShape);
        pointwise = addWeight("pointwise_kernel", new int[] {1, 1, mid, filters}, Initializers.get(pointwiseInitializer), true,
                penalties.regularizer("pointwise"), penalties.constraint("pointwise"));
        if (useBias) {
            bias = addWeight("bias", new int[] {filters}, Initializers.get(biasInitializer), true, penalties.regularizer("bias"),
                    penalties.constraint("bias"));
        }
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] feat = features(x);
        ConvShape d = geometry(feat);
        int mid = d.c * depthMultiplier;
        Tensor z = new Conv(toLast(x), depthwise, null, d, mid, false).output();
        ConvShape p = new ConvShape(d.oh, d.ow, mid, 1, 1, 1, 1, 1, 1, 0, 0, d.oh, d.ow, 1);
        boolean relu = activation.equals("relu");
        Tensor y = new Conv(z, pointwise, useBias ? bias : null, p, filters, relu).output();
        if (!relu) y = Activations.apply(activation, y);
        return fromLast(y);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return outputShape(inputShape, filters);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("filters", filters);
        c.put("pointwise_initializer", pointwiseInitializer);
        return c;
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static SeparableConv2D fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return configure(new SeparableConv2D(c.getInt("filters"), c.getInts("kernel_size")), c)
                .pointwiseInitializer(c.getString("pointwise_initializer", "glorot_uniform"));
    }
}
