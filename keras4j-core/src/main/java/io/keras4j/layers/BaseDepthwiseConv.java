package io.keras4j.layers;

import io.keras4j.activations.Activations;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;
import io.keras4j.engine.kernels.ConvShape;
import io.keras4j.engine.ops.MoveChannels;
import io.keras4j.initializers.Initializers;
import java.util.Map;

/**
 * {@code keras.layers.BaseDepthwiseConv} for 2-D images: each input channel convolved with its
 * own {@code depth_multiplier} filters, {@code (kh, kw, in, depth_multiplier)}, giving
 * {@code in * depth_multiplier} channels ordered {@code c * depth_multiplier + m}. It is the
 * grouped convolution with {@code groups = in} and the same kernel values. Defaults: strides 1,
 * {@code "valid"}, depth multiplier 1, {@code "channels_last"}, dilation 1, linear, bias used,
 * {@code glorot_uniform} depthwise kernel, {@code zeros} bias.
 *
 * @param <T> the concrete layer, which every setter returns
 */
public abstract class BaseDepthwiseConv<T extends BaseDepthwiseConv<T>> extends Layer {
    final int[] kernelSize;
    int[] strides = {1, 1}, dilationRate = {1, 1};
    String padding = "valid", dataFormat = "channels_last", activation = "linear";
    int depthMultiplier = 1;
    boolean useBias = true;
    String depthwiseInitializer = "glorot_uniform", biasInitializer = "zeros";
    final ConvPenalties penalties = new ConvPenalties();

    BaseDepthwiseConv(String baseName, int[] kernelSize) {
        super(baseName);
        this.kernelSize = ConvArgs.tuple(getClass().getSimpleName(), "kernel_size", 2, kernelSize, 1);
    }

    @SuppressWarnings("unchecked")
    final T self() {
        return (T) this;
    }

    @Override
    public T name(String name) {
        super.name(name);
        return self();
    }

    @Override
    public T inputShape(int... shape) {
        super.inputShape(shape);
        return self();
    }

    /** The stride along each spatial axis (one value for both; default 1). */
    public T strides(int... strides) {
        this.strides = ConvArgs.tuple(describe(), "strides", 2, strides, 1);
        return self();
    }

    /** {@code "valid"} (default) or {@code "same"}. */
    public T padding(String padding) {
        this.padding = ConvArgs.padding(describe(), padding, false);
        return self();
    }

    /** Output channels per input channel of the depthwise step (default 1). */
    public T depthMultiplier(int depthMultiplier) {
        if (depthMultiplier < 1) {
            throw new IllegalArgumentException(describe() + ": `depth_multiplier` must be positive, got " + depthMultiplier);
        }
        this.depthMultiplier = depthMultiplier;
        return self();
    }

    /** {@code "channels_last"} (default) or {@code "channels_first"}. */
    public T dataFormat(String format) {
        this.dataFormat = ConvArgs.dataFormat(describe(), format);
        return self();
    }

    /** The dilation rate along each spatial axis (one value for both; default 1). */
    public T dilationRate(int... rate) {
        this.dilationRate = ConvArgs.tuple(describe(), "dilation_rate", 2, rate, 1);
        return self();
    }

    /** The activation by name (default linear). */
    public T activation(String activation) {
        this.activation = Activations.canonical(activation);
        return self();
    }

    /** Whether to add a bias (default true). */
    public T useBias(boolean useBias) {
        this.useBias = useBias;
        return self();
    }

    /** The depthwise kernel's initializer by name (default {@code glorot_uniform}). */
    public T depthwiseInitializer(String name) {
        Initializers.get(name);
        this.depthwiseInitializer = name;
        return self();
    }

    /** Bias initializer by name (default {@code zeros}). */
    public T biasInitializer(String name) {
        Initializers.get(name);
        this.biasInitializer = name;
        return self();
    }

    /** Keras's {@code depthwise_regularizer}: a penalty on the depthwise kernel added to the loss (default none). */
    public T depthwiseRegularizer(io.keras4j.regularizers.Regularizer r) {
        penalties.regularizer("depthwise", r);
        return self();
    }

    /** {@link #depthwiseRegularizer(io.keras4j.regularizers.Regularizer)} by name: {@code "l1"}, {@code "l2"}, {@code "l1_l2"}. */
    public T depthwiseRegularizer(String name) {
        return depthwiseRegularizer(io.keras4j.regularizers.Regularizers.get(name));
    }

    /** Keras's {@code depthwise_constraint}: a projection of the depthwise kernel after each optimizer step (default none). */
    public T depthwiseConstraint(io.keras4j.constraints.Constraint c) {
        penalties.constraint("depthwise", c);
        return self();
    }

    /** {@link #depthwiseConstraint(io.keras4j.constraints.Constraint)} by name: {@code "max_norm"}, {@code "non_neg"}, ... */
    public T depthwiseConstraint(String name) {
        return depthwiseConstraint(io.keras4j.constraints.Constraints.get(name));
    }

    /** Keras's {@code bias_regularizer}: a penalty on the bias added to the loss (default none). */
    public T biasRegularizer(io.keras4j.regularizers.Regularizer r) {
        penalties.regularizer("bias", r);
        return self();
    }

    /** {@link #biasRegularizer(io.keras4j.regularizers.Regularizer)} by name: {@code "l1"}, {@code "l2"}, {@code "l1_l2"}. */
    public T biasRegularizer(String name) {
        return biasRegularizer(io.keras4j.regularizers.Regularizers.get(name));
    }

    /** Keras's {@code bias_constraint}: a projection of the bias after each optimizer step (default none). */
    public T biasConstraint(io.keras4j.constraints.Constraint c) {
        penalties.constraint("bias", c);
        return self();
    }

    /** {@link #biasConstraint(io.keras4j.constraints.Constraint)} by name: {@code "max_norm"}, {@code "non_neg"}, ... */
    public T biasConstraint(String name) {
        return biasConstraint(io.keras4j.constraints.Constraints.get(name));
    }

    /** Keras's {@code activity_regularizer}: a penalty on the layer's output added to the loss (default none). */
    public T activityRegularizer(io.keras4j.regularizers.Regularizer r) {
        penalties.activity = r;
        return self();
    }

    /** {@link #activityRegularizer(io.keras4j.regularizers.Regularizer)} by name. */
    public T activityRegularizer(String name) {
        return activityRegularizer(io.keras4j.regularizers.Regularizers.get(name));
    }

    boolean channelsFirst() {
        return dataFormat.equals("channels_first");
    }

    int channels(int[] inputShape) {
        return channelsFirst() ? inputShape[0] : inputShape[2];
    }

    @Override
    protected void validateInput(int[] inputShape) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException(describe() + ": expected input of rank 4 "
                    + (channelsFirst() ? "(None, channels, h, w)" : "(None, h, w, channels)") + ", got "
                    + io.keras4j.NDArray.shapeString(withBatch(inputShape)));
        }
        if ((strides[0] > 1 || strides[1] > 1) && (dilationRate[0] > 1 || dilationRate[1] > 1)) {
            throw new IllegalArgumentException(describe() + ": `strides > 1` not supported in conjunction with "
                    + "`dilation_rate > 1`, got strides=" + ConvArgs.text(strides) + " and dilation_rate="
                    + ConvArgs.text(dilationRate));
        }
        int o = channelsFirst() ? 1 : 0;
        for (int i = 0; i < 2; i++) {
            if (ConvArgs.outLength(inputShape[o + i], kernelSize[i], strides[i], dilationRate[i], padding) < 1) {
                throw new IllegalArgumentException(describe() + ": kernel " + ConvArgs.text(kernelSize)
                        + " is larger than the input " + io.keras4j.NDArray.shapeString(withBatch(inputShape))
                        + " with padding \"valid\"");
            }
        }
    }

    /** The depthwise step's geometry: a convolution with one group per input channel. */
    ConvShape geometry(int[] inputShape) {
        int o = channelsFirst() ? 1 : 0, h = inputShape[o], w = inputShape[o + 1], c = channels(inputShape);
        return new ConvShape(h, w, c, kernelSize[0], kernelSize[1], strides[0], strides[1], dilationRate[0],
                dilationRate[1], ConvArgs.padBefore(h, kernelSize[0], strides[0], dilationRate[0], padding),
                ConvArgs.padBefore(w, kernelSize[1], strides[1], dilationRate[1], padding),
                ConvArgs.outLength(h, kernelSize[0], strides[0], dilationRate[0], padding),
                ConvArgs.outLength(w, kernelSize[1], strides[1], dilationRate[1], padding), c);
    }

    /** Adds {@code (kh, kw, in, depth_multiplier)} as {@code weightName}. */
    Variable addDepthwiseKernel(String weightName, int[] inputShape) {
        return addWeight(weightName, new int[] {kernelSize[0], kernelSize[1], channels(inputShape), depthMultiplier},
                Initializers.get(depthwiseInitializer), true, penalties.regularizer("depthwise"), penalties.constraint("depthwise"));
    }

    /** The output shape for {@code channelsOut} channels. */
    int[] outputShape(int[] inputShape, int channelsOut) {
        int o = channelsFirst() ? 1 : 0;
        int h = ConvArgs.outLength(inputShape[o], kernelSize[0], strides[0], dilationRate[0], padding);
        int w = ConvArgs.outLength(inputShape[o + 1], kernelSize[1], strides[1], dilationRate[1], padding);
        return channelsFirst() ? new int[] {channelsOut, h, w} : new int[] {h, w, channelsOut};
    }

    /** x in the layer's format to channels-last, and back for the output. */
    Tensor toLast(Tensor x) {
        return channelsFirst() ? new MoveChannels(x, true).output() : x;
    }

    /** y back to the layer's format, with the layer's losses (weight and activity penalties). */
    Tensor fromLast(Tensor y) {
        return addLosses(channelsFirst() ? new MoveChannels(y, false).output() : y, penalties.activity);
    }

    /** The config roles of the weights ({@code depthwise}, {@code bias}; SeparableConv2D adds {@code pointwise}). */
    java.util.List<String> roles() {
        return java.util.List.of("depthwise", "bias");
    }

    static int[] features(Tensor x) {
        int[] s = x.shape();
        return java.util.Arrays.copyOfRange(s, 1, s.length);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("kernel_size", ConvArgs.list(kernelSize));
        c.put("strides", ConvArgs.list(strides));
        c.put("padding", padding);
        c.put("depth_multiplier", depthMultiplier);
        c.put("data_format", dataFormat);
        c.put("dilation_rate", ConvArgs.list(dilationRate));
        c.put("activation", activation);
        c.put("use_bias", useBias);
        c.put("depthwise_initializer", depthwiseInitializer);
        c.put("bias_initializer", biasInitializer);
        penalties.putConfig(c, roles());
        return c;
    }

    /** Applies the shared config keys to {@code l}. */
    static <L extends BaseDepthwiseConv<L>> L configure(L l, LayerConfig c) {
        l.strides(c.getInts("strides", 1)).padding(c.getString("padding", "valid"))
                .depthMultiplier(c.getInt("depth_multiplier", 1)).dataFormat(c.getString("data_format", "channels_last"))
                .dilationRate(c.getInts("dilation_rate", 1)).activation(c.getString("activation", "linear"))
                .useBias(c.getBoolean("use_bias", true))
                .depthwiseInitializer(c.getString("depthwise_initializer", "glorot_uniform"))
                .biasInitializer(c.getString("bias_initializer", "zeros"));
        l.penalties.read(c, l.roles());
        return c.applyBase(l);
    }
}
