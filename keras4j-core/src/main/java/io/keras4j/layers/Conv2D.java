package io.keras4j.layers;

import java.util.Map;

/**
 * {@code keras.layers.Conv2D}: {@code y = activation(conv2d(x, kernel) + bias)} over images
 * {@code (batch, h, w, channels)} (or {@code (batch, channels, h, w)} with
 * {@code dataFormat("channels_first")}). Kernel {@code (kh, kw, in / groups, filters)}, bias
 * {@code (filters)}. Defaults as {@link BaseConv}: strides 1, {@code "valid"}, dilation 1,
 * groups 1, linear, {@code glorot_uniform} / {@code zeros}.
 * <pre>{@code
 * model.add(new Conv2D(32, 3, "relu").inputShape(28, 28, 1));     // -> (None, 26, 26, 32)
 * model.add(new Conv2D(64, 3).strides(2).padding("same"));
 * }</pre>
 */
public class Conv2D extends BaseConv<Conv2D> {

    /** @param kernelSize {@code (kh, kw)}, or one value for both */
    public Conv2D(int filters, int... kernelSize) {
        this(filters, kernelSize, null);
    }

    /** Convenience: {@code new Conv2D(32, 3, "relu")}. */
    public Conv2D(int filters, int kernelSize, String activation) {
        this(filters, new int[] {kernelSize}, activation);
    }

    public Conv2D(int filters, int[] kernelSize, String activation) {
        super("conv2d", 2, filters, kernelSize, activation);
    }

    /** Keras's {@code groups} (default 1): must divide both the input channels and {@code filters}. */
    public Conv2D groups(int groups) {
        setGroups(groups);
        return this;
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static Conv2D fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return configure(new Conv2D(c.getInt("filters"), c.getInts("kernel_size")), c);
    }
}
