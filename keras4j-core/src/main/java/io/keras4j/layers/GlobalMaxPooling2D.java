package io.keras4j.layers;

import java.util.Map;

/**
 * {@code keras.layers.GlobalMaxPooling2D}: the maximum over the spatial axes, per channel:
 * {@code (batch, h, w, channels) -> (batch, channels)}; {@code keepdims(true)} keeps the pooled axes as 1s. Defaults: data format
 * "channels_last", keepdims false (see {@link BaseGlobalPooling}).
 * <pre>{@code
 * model.add(new GlobalMaxPooling2D());
 * }</pre>
 */
public class GlobalMaxPooling2D extends BaseGlobalPooling<GlobalMaxPooling2D> {

    public GlobalMaxPooling2D() {
        super("global_max_pooling2d", 2, true);
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static GlobalMaxPooling2D fromConfig(Map<String, Object> config) {
        return configure(new GlobalMaxPooling2D(), new LayerConfig(config));
    }
}
