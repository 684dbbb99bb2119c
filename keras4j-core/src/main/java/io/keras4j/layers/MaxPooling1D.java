package io.keras4j.layers;

import java.util.Map;

/**
 * {@code keras.layers.MaxPooling1D}: the maximum of each pooling window, channel by channel.
 * Shapes (channels last) (batch, steps, features) -> (batch, pooled steps, features); pooled = (in - pool) / stride + 1 ("valid") or
 * ceil(in / stride) ("same"). Defaults: strides = pool size, padding "valid", data format
 * "channels_last" (see {@link BasePooling}).
 * <pre>{@code
 * model.add(new MaxPooling1D(3).strides(1).padding("same"));
 * }</pre>
 */
public class MaxPooling1D extends BasePooling<MaxPooling1D> {

    /** The Keras defaults. */
    public MaxPooling1D() {
        this(2);
    }

    /** @param poolSize the window length; default 2 */
    public MaxPooling1D(int... poolSize) {
        super("max_pooling1d", 1, true, poolSize);
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static MaxPooling1D fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return configure(new MaxPooling1D(c.getInts("pool_size", 2)), c);
    }
}
