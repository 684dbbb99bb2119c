package io.keras4j.layers;

import java.util.Map;

/**
 * {@code keras.layers.AveragePooling1D}: the mean (over the cells inside the input) of each pooling window, channel by channel.
 * Shapes (channels last) (batch, steps, features) -> (batch, pooled steps, features); pooled = (in - pool) / stride + 1 ("valid") or
 * ceil(in / stride) ("same"). Defaults: strides = pool size, padding "valid", data format
 * "channels_last" (see {@link BasePooling}).
 * <pre>{@code
 * model.add(new AveragePooling1D(3).strides(1).padding("same"));
 * }</pre>
 */
public class AveragePooling1D extends BasePooling<AveragePooling1D> {

    /** The Keras defaults. */
    public AveragePooling1D() {
        this(2);
    }

    /** @param poolSize the window length; default 2 */
    public AveragePooling1D(int... poolSize) {
        super("average_pooling1d", 1, false, poolSize);
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static AveragePooling1D fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return configure(new AveragePooling1D(c.getInts("pool_size", 2)), c);
    }
}
