package io.keras4j.layers;

import java.util.Map;

/**
 * {@code keras.layers.Conv1D}: {@code y = activation(conv1d(x, kernel) + bias)} over sequences
 * {@code (batch, steps, channels)} (or {@code (batch, channels, steps)} with
 * {@code dataFormat("channels_first")}). Kernel {@code (k, in / groups, filters)}, bias
 * {@code (filters)}. Padding {@code "valid"} (default), {@code "same"}, or {@code "causal"}
 * ({@code (k - 1) * dilation} zeros before the sequence: output t sees inputs up to t only).
 * Other defaults as {@link BaseConv}.
 * <pre>{@code
 * model.add(new Conv1D(16, 3).padding("causal").dilationRate(2).inputShape(100, 8));
 * }</pre>
 */
public class Conv1D extends BaseConv<Conv1D> {

    public Conv1D(int filters, int kernelSize) {
        this(filters, kernelSize, null);
    }

    /** Convenience: {@code new Conv1D(32, 3, "relu")}. */
    public Conv1D(int filters, int kernelSize, String activation) {
        this(filters, new int[] {kernelSize}, activation);
    }

    /** @param kernelSize Keras's 1-tuple {@code (k,)} */
    public Conv1D(int filters, int[] kernelSize) {
        this(filters, kernelSize, null);
    }

    public Conv1D(int filters, int[] kernelSize, String activation) {
        super("conv1d", 1, filters, kernelSize, activation);
    }

    /** Keras's {@code groups} (default 1): must divide both the input channels and {@code filters}. */
    public Conv1D groups(int groups) {
        setGroups(groups);
        return this;
    }

    @Override
    boolean causalAllowed() {
        return true;
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static Conv1D fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return configure(new Conv1D(c.getInt("filters"), c.getInts("kernel_size")), c);
    }
}
