package io.keras4j.layers;

import io.keras4j.activations.Activations;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.kernels.ConvShape;
import io.keras4j.engine.ops.ConvTranspose;
import io.keras4j.initializers.Initializers;
import java.util.Map;

/**
 * {@code keras.layers.Conv2DTranspose}: the transposed convolution (the input gradient of a
 * convolution, sometimes called deconvolution), {@code y = activation(conv_transpose(x, kernel) + bias)}.
 * Kernel {@code (kh, kw, filters, in)}, bias {@code (filters)}. Output size per spatial axis,
 * with {@code ke = (k - 1) * d + 1}:
 * <pre>
 * output_padding unset:  "valid"  n * s + max(ke - s, 0);      "same"  n * s
 * output_padding p:      (n - 1) * s + ke - 2 * pad + p,       pad = 0 ("valid") or ke / 2 ("same")
 * </pre>
 * The values are those of the convolution from that output size back to the input (same
 * strides, dilation and padding), transposed. Defaults as {@link BaseConv} (no groups).
 * <pre>{@code
 * model.add(new Conv2DTranspose(16, 3).strides(2).padding("same"));   // (None, 7, 7, 32) -> (None, 14, 14, 16)
 * }</pre>
 */
public class Conv2DTranspose extends BaseConv<Conv2DTranspose> {
    private int[] outputPadding;

    /** @param kernelSize {@code (kh, kw)}, or one value for both */
    public Conv2DTranspose(int filters, int... kernelSize) {
        this(filters, kernelSize, null);
    }

    /** Convenience: {@code new Conv2DTranspose(32, 3, "relu")}. */
    public Conv2DTranspose(int filters, int kernelSize, String activation) {
        this(filters, new int[] {kernelSize}, activation);
    }

    public Conv2DTranspose(int filters, int[] kernelSize, String activation) {
        super("conv2d_transpose", 2, filters, kernelSize, activation);
    }

    /** The extra rows/columns at the end of the output (default unset: see the class comment); each below the stride. */
    public Conv2DTranspose outputPadding(int... padding) {
        this.outputPadding = padding == null ? null : ConvArgs.tuple(describe(), "output_padding", 2, padding, 0);
        return this;
    }

    private int outLength(int n, int i) {
        int k = kernelSize[i], s = strides[i], ke = (k - 1) * dilationRate[i] + 1;
        if (outputPadding == null) return padding.equals("valid") ? n * s + Math.max(ke - s, 0) : n * s;
        int pad = padding.equals("valid") ? 0 : ke / 2;
        return (n - 1) * s + ke - 2 * pad + outputPadding[i];
    }

    @Override
    protected void validateInput(int[] inputShape) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException(describe() + ": expected input of rank 4 " + expectedText() + ", got "
                    + io.keras4j.NDArray.shapeString(withBatch(inputShape)));
        }
        if (outputPadding != null) {
            for (int i = 0; i < 2; i++) {
                if (outputPadding[i] >= strides[i]) {
                    throw new IllegalArgumentException(describe() + ": strides " + ConvArgs.text(strides)
                            + " must be greater than output_padding " + ConvArgs.text(outputPadding));
                }
            }
        }
        int[] sp = spatial(inputShape);
        for (int i = 0; i < 2; i++) {
            if (outLength(sp[i], i) < 1) {
                throw new IllegalArgumentException(describe() + ": the output would be empty for input "
                        + io.keras4j.NDArray.shapeString(withBatch(inputShape)));
            }
        }
    }

    @Override
    protected void build(int[] inputShape) {
        kernel = addWeight("kernel", new int[] {kernelSize[0], kernelSize[1], filters, channels(inputShape)},
                Initializers.get(kernelInitializer), true, penalties.regularizer("kernel"), penalties.constraint("kernel"));
        if (useBias) {
            bias = addWeight("bias", new int[] {filters}, Initializers.get(biasInitializer), true, penalties.regularizer("bias"),
                    penalties.constraint("bias"));
        }
    }

    /** The convolution this layer transposes: from the output size (filters channels) to the input size. */
    @Override
    ConvShape geometry(int[] inputShape) {
        int[] sp = spatial(inputShape);
        int oh = outLength(sp[0], 0), ow = outLength(sp[1], 1);
        return new ConvShape(oh, ow, filters, kernelSize[0], kernelSize[1], strides[0], strides[1], dilationRate[0],
                dilationRate[1], pad(oh, sp[0], 0), pad(ow, sp[1], 1), sp[0], sp[1], 1);
    }

    /** The forward convolution's padding before: TF's "same" rule from the output length back to n. */
    private int pad(int out, int n, int i) {
        if (padding.equals("valid")) return 0;
        int ke = (kernelSize[i] - 1) * dilationRate[i] + 1;
        return Math.max((n - 1) * strides[i] + ke - out, 0) / 2;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] shape = x.shape();
        int[] feat = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        Tensor in = channelsFirst() ? new io.keras4j.engine.ops.MoveChannels(x, true).output() : x;
        boolean relu = activation.equals("relu");
        Tensor y = new ConvTranspose(in, kernel, useBias ? bias : null, geometry(feat), relu).output();
        if (!relu) y = Activations.apply(activation, y);
        return addLosses(channelsFirst() ? new io.keras4j.engine.ops.MoveChannels(y, false).output() : y, penalties.activity);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int[] sp = spatial(inputShape);
        int h = outLength(sp[0], 0), w = outLength(sp[1], 1);
        return channelsFirst() ? new int[] {filters, h, w} : new int[] {h, w, filters};
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.remove("groups");
        c.put("output_padding", outputPadding == null ? null : ConvArgs.list(outputPadding));
        return c;
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static Conv2DTranspose fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        Conv2DTranspose l = configure(new Conv2DTranspose(c.getInt("filters"), c.getInts("kernel_size")), c);
        return c.has("output_padding") ? l.outputPadding(c.getInts("output_padding")) : l;
    }
}
