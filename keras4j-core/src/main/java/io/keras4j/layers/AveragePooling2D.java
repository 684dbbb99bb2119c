package io.keras4j.layers;

import java.util.Map;

/**
 * {@code keras.layers.AveragePooling2D}: the mean (over the cells inside the input) of each pooling window, channel by channel.
 * Shapes (channels last) (batch, h, w, channels) -> (batch, pooled h, pooled w, channels); pooled = (in - pool) / stride + 1 ("valid") or
 * ceil(in / stride) ("same"). Defaults: strides = pool size, padding "valid", data format
 * "channels_last" (see {@link BasePooling}).
 * <pre>{@code
 * model.add(new AveragePooling2D(2)  // or new AveragePooling2D(2, 2).strides(1).padding("same"));
 * }</pre>
 */
public class AveragePooling2D extends BasePooling<AveragePooling2D> {

    /** The Keras defaults. */
    public AveragePooling2D() {
        this(2);
    }

    /** @param poolSize the window: one value for both axes, or (height, width); default (2, 2) */
    public AveragePooling2D(int... poolSize) {
        super("average_pooling2d", 2, false, poolSize);
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static AveragePooling2D fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return configure(new AveragePooling2D(c.getInts("pool_size", 2)), c);
    }
}
