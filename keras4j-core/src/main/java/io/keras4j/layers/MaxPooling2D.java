package io.keras4j.layers;

import java.util.Map;

/**
 * {@code keras.layers.MaxPooling2D}: the maximum of each pooling window, channel by channel.
 * Shapes (channels last) (batch, h, w, channels) -> (batch, pooled h, pooled w, channels); pooled = (in - pool) / stride + 1 ("valid") or
 * ceil(in / stride) ("same"). Defaults: strides = pool size, padding "valid", data format
 * "channels_last" (see {@link BasePooling}).
 * <pre>{@code
 * model.add(new MaxPooling2D(2)  // or new MaxPooling2D(2, 2).strides(1).padding("same"));
 * }</pre>
 */
public class MaxPooling2D extends BasePooling<MaxPooling2D> {

    /** The Keras defaults. */
    public MaxPooling2D() {
        this(2);
    }

    /** @param poolSize the window: one value for both axes, or (height, width); default (2, 2) */
    public MaxPooling2D(int... poolSize) {
        super("max_pooling2d", 2, true, poolSize);
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static MaxPooling2D fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return configure(new MaxPooling2D(c.getInts("pool_size", 2)), c);
    }
}
