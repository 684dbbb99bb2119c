package io.keras4j.layers;

import java.util.Map;

/**
 * {@code keras.layers.GlobalAveragePooling2D}: the mean over the spatial axes, per channel:
 * {@code (batch, h, w, channels) -> (batch, channels)}; {@code keepdims(true)} keeps the pooled axes as 1s. Defaults: data format
 * "channels_last", keepdims false (see {@link BaseGlobalPooling}).
 * <pre>{@code
 * model.add(new GlobalAveragePooling2D());
 * }</pre>
 */
public class GlobalAveragePooling2D extends BaseGlobalPooling<GlobalAveragePooling2D> {

    public GlobalAveragePooling2D() {
        super("global_average_pooling2d", 2, false);
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static GlobalAveragePooling2D fromConfig(Map<String, Object> config) {
        return configure(new GlobalAveragePooling2D(), new LayerConfig(config));
    }
}
