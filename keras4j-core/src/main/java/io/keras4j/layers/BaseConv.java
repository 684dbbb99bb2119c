package io.keras4j.layers;

import io.keras4j.activations.Activations;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;
import io.keras4j.engine.kernels.ConvShape;
import io.keras4j.engine.ops.Conv;
import io.keras4j.engine.ops.MoveChannels;
import io.keras4j.initializers.Initializers;
import java.util.Map;

/**
 * {@code keras.layers.BaseConv}: the N-D convolution ({@link Conv1D}, {@link Conv2D}),
 * {@code y = activation(conv(x, kernel) + bias)}.
 * Kernel {@code (*kernel_size, in / groups, filters)}, default {@code glorot_uniform}; bias
 * {@code (filters)}, default {@code zeros}. Defaults: strides 1, padding {@code "valid"},
 * data format {@code "channels_last"}, dilation 1, groups 1, activation linear, bias used.
 * Output length per spatial axis: see {@link ConvArgs}. Keras's {@code kernel_regularizer},
 * {@code bias_regularizer}, {@code activity_regularizer}, {@code kernel_constraint},
 * {@code bias_constraint} (default none) as in {@link Dense}.
 *
 * @param <T> the concrete layer, which every setter returns
 */
public abstract class BaseConv<T extends BaseConv<T>> extends Layer {
    final int rank;
    final int filters;
    final int[] kernelSize;
    int[] strides, dilationRate;
    String padding = "valid", dataFormat = "channels_last", activation;
    int groups = 1;
    boolean useBias = true;
    String kernelInitializer = "glorot_uniform", biasInitializer = "zeros";
    Variable kernel, bias;
    final ConvPenalties penalties = new ConvPenalties();

    private static final java.util.List<String> ROLES = java.util.List.of("kernel", "bias");

    BaseConv(String baseName, int rank, int filters, int[] kernelSize, String activation) {
        super(baseName);
        this.rank = rank;
        if (filters <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + ": invalid value for argument `filters`: expected a strictly positive value, got " + filters);
        }
        this.filters = filters;
        this.kernelSize = ConvArgs.tuple(getClass().getSimpleName(), "kernel_size", rank, kernelSize, 1);
        this.strides = ConvArgs.tuple("", "strides", rank, new int[] {1}, 1);
        this.dilationRate = strides.clone();
        this.activation = Activations.canonical(activation);
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

    /** The stride along each spatial axis (one value for all; default 1). */
    public T strides(int... strides) {
        this.strides = ConvArgs.tuple(describe(), "strides", rank, strides, 1);
        return self();
    }

    /** {@code "valid"} (default) or {@code "same"}. */
    public T padding(String padding) {
        this.padding = ConvArgs.padding(describe(), padding, causalAllowed());
        return self();
    }

    /** {@code "channels_last"} (default: {@code (batch, *spatial, channels)}) or {@code "channels_first"}. */
    public T dataFormat(String format) {
        this.dataFormat = ConvArgs.dataFormat(describe(), format);
        return self();
    }

    /** The dilation rate along each spatial axis (one value for all; default 1). */
    public T dilationRate(int... rate) {
        this.dilationRate = ConvArgs.tuple(describe(), "dilation_rate", rank, rate, 1);
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

    /** Kernel initializer by name (default {@code glorot_uniform}). */
    public T kernelInitializer(String name) {
        Initializers.get(name);
        this.kernelInitializer = name;
        return self();
    }

    /** Bias initializer by name (default {@code zeros}). */
    public T biasInitializer(String name) {
        Initializers.get(name);
        this.biasInitializer = name;
        return self();
    }

    /** Keras's {@code kernel_regularizer}: a penalty on the kernel added to the loss (default none). */
    public T kernelRegularizer(io.keras4j.regularizers.Regularizer r) {
        penalties.regularizer("kernel", r);
        return self();
    }

    /** {@link #kernelRegularizer(io.keras4j.regularizers.Regularizer)} by name: {@code "l1"}, {@code "l2"}, {@code "l1_l2"}. */
    public T kernelRegularizer(String name) {
        return kernelRegularizer(io.keras4j.regularizers.Regularizers.get(name));
    }

    /** Keras's {@code kernel_constraint}: a projection of the kernel after each optimizer step (default none). */
    public T kernelConstraint(io.keras4j.constraints.Constraint c) {
        penalties.constraint("kernel", c);
        return self();
    }

    /** {@link #kernelConstraint(io.keras4j.constraints.Constraint)} by name: {@code "max_norm"}, {@code "non_neg"}, ... */
    public T kernelConstraint(String name) {
        return kernelConstraint(io.keras4j.constraints.Constraints.get(name));
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

    /** Only Conv1D takes {@code "causal"}. */
    boolean causalAllowed() {
        return false;
    }

    /** Keras's {@code groups}: input and output channels split in groups convolved separately. */
    final void setGroups(int groups) {
        if (groups <= 0 || filters % groups != 0) {
            throw new IllegalArgumentException(describe() + ": `groups` must be a positive divisor of filters=" + filters
                    + ", got " + groups);
        }
        this.groups = groups;
    }

    public int filters() {
        return filters;
    }

    public String activation() {
        return activation;
    }

    boolean channelsFirst() {
        return dataFormat.equals("channels_first");
    }

    /** {@code (None, h, w, channels)}-style text of the expected input. */
    String expectedText() {
        String sp = rank == 1 ? "steps" : "h, w";
        return channelsFirst() ? "(None, channels, " + sp + ")" : "(None, " + sp + ", channels)";
    }

    int channels(int[] inputShape) {
        return channelsFirst() ? inputShape[0] : inputShape[inputShape.length - 1];
    }

    /** The spatial sizes of an input shape (without batch). */
    int[] spatial(int[] inputShape) {
        int[] s = new int[rank];
        System.arraycopy(inputShape, channelsFirst() ? 1 : 0, s, 0, rank);
        return s;
    }

    @Override
    protected void validateInput(int[] inputShape) {
        if (inputShape.length != rank + 1) {
            throw new IllegalArgumentException(describe() + ": expected input of rank " + (rank + 2) + " " + expectedText()
                    + ", got " + io.keras4j.NDArray.shapeString(withBatch(inputShape)));
        }
        if ((strides[0] > 1 || strides[rank - 1] > 1) && (dilationRate[0] > 1 || dilationRate[rank - 1] > 1)) {
            throw new IllegalArgumentException(describe() + ": `strides > 1` not supported in conjunction with "
                    + "`dilation_rate > 1`, got strides=" + ConvArgs.text(strides) + " and dilation_rate="
                    + ConvArgs.text(dilationRate));
        }
        int c = channels(inputShape);
        if (c % groups != 0) {
            throw new IllegalArgumentException(describe() + ": the number of input channels must be divisible by groups="
                    + groups + ", got input " + io.keras4j.NDArray.shapeString(withBatch(inputShape)));
        }
        int[] sp = spatial(inputShape);
        for (int i = 0; i < rank; i++) {
            if (ConvArgs.outLength(sp[i], kernelSize[i], strides[i], dilationRate[i], padding) < 1) {
                int[] ke = new int[rank];
                for (int j = 0; j < rank; j++) ke[j] = (kernelSize[j] - 1) * dilationRate[j] + 1;
                throw new IllegalArgumentException(describe() + ": kernel " + ConvArgs.text(kernelSize)
                        + (dilationRate[i] > 1 ? " dilated to " + ConvArgs.text(ke) : "")
                        + " is larger than the input " + io.keras4j.NDArray.shapeString(withBatch(inputShape))
                        + " with padding \"valid\"");
            }
        }
    }

    @Override
    protected void build(int[] inputShape) {
        int[] ks = new int[rank + 2];
        System.arraycopy(kernelSize, 0, ks, 0, rank);
        ks[rank] = channels(inputShape) / groups;
        ks[rank + 1] = filters;
        kernel = addWeight("kernel", ks, Initializers.get(kernelInitializer), true, penalties.regularizer("kernel"),
                penalties.constraint("kernel"));
        if (useBias) {
            bias = addWeight("bias", new int[] {filters}, Initializers.get(biasInitializer), true, penalties.regularizer("bias"),
                    penalties.constraint("bias"));
        }
    }

    /** The geometry of the convolution for inputs of {@code inputShape} (without batch). */
    ConvShape geometry(int[] inputShape) {
        int[] sp = spatial(inputShape);
        int h = rank == 1 ? 1 : sp[0], w = sp[rank - 1];
        int kh = rank == 1 ? 1 : kernelSize[0], kw = kernelSize[rank - 1];
        int sh = rank == 1 ? 1 : strides[0], sw = strides[rank - 1];
        int dh = rank == 1 ? 1 : dilationRate[0], dw = dilationRate[rank - 1];
        return new ConvShape(h, w, channels(inputShape), kh, kw, sh, sw, dh, dw,
                rank == 1 ? 0 : ConvArgs.padBefore(h, kh, sh, dh, padding), ConvArgs.padBefore(w, kw, sw, dw, padding),
                rank == 1 ? 1 : ConvArgs.outLength(h, kh, sh, dh, padding), ConvArgs.outLength(w, kw, sw, dw, padding),
                groups);
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] shape = x.shape();
        int[] feat = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        Tensor in = channelsFirst() ? new MoveChannels(x, true).output() : x;
        boolean relu = activation.equals("relu");
        Tensor y = new Conv(in, kernel, useBias ? bias : null, geometry(feat), relu).output();
        if (!relu) y = Activations.apply(activation, y);
        return addLosses(channelsFirst() ? new MoveChannels(y, false).output() : y, penalties.activity);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int[] sp = spatial(inputShape);
        int[] out = new int[rank + 1];
        int o = channelsFirst() ? 1 : 0;
        for (int i = 0; i < rank; i++) {
            out[o + i] = ConvArgs.outLength(sp[i], kernelSize[i], strides[i], dilationRate[i], padding);
        }
        out[channelsFirst() ? 0 : rank] = filters;
        return out;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("filters", filters);
        c.put("kernel_size", ConvArgs.list(kernelSize));
        c.put("strides", ConvArgs.list(strides));
        c.put("padding", padding);
        c.put("data_format", dataFormat);
        c.put("dilation_rate", ConvArgs.list(dilationRate));
        c.put("groups", groups);
        c.put("activation", activation);
        c.put("use_bias", useBias);
        c.put("kernel_initializer", kernelInitializer);
        c.put("bias_initializer", biasInitializer);
        penalties.putConfig(c, ROLES);
        return c;
    }

    /** Applies the config keys every convolution shares to {@code l} (for the subclasses' fromConfig). */
    static <L extends BaseConv<L>> L configure(L l, LayerConfig c) {
        l.strides(c.getInts("strides", 1)).padding(c.getString("padding", "valid"))
                .dataFormat(c.getString("data_format", "channels_last")).dilationRate(c.getInts("dilation_rate", 1))
                .activation(c.getString("activation", "linear")).useBias(c.getBoolean("use_bias", true))
                .kernelInitializer(c.getString("kernel_initializer", "glorot_uniform"))
                .biasInitializer(c.getString("bias_initializer", "zeros"));
        if (c.has("groups")) l.setGroups(c.getInt("groups"));
        l.penalties.read(c, ROLES);
        return c.applyBase(l);
    }
}
