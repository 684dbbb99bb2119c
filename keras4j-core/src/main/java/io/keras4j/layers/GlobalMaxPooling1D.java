package io.keras4j.layers;

import java.util.Map;

/**
 * {@code keras.layers.GlobalMaxPooling1D}: the maximum over the spatial axes, per channel:
 * {@code (batch, steps, features) -> (batch, features)}; {@code keepdims(true)} keeps the pooled axes as 1s. Defaults: data format
 * "channels_last", keepdims false (see {@link BaseGlobalPooling}).
 * <pre>{@code
 * model.add(new GlobalMaxPooling1D());
 * }</pre>
 */
public class GlobalMaxPooling1D extends BaseGlobalPooling<GlobalMaxPooling1D> {

    public GlobalMaxPooling1D() {
        super("global_max_pooling1d", 1, true);
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static GlobalMaxPooling1D fromConfig(Map<String, Object> config) {
        return configure(new GlobalMaxPooling1D(), new LayerConfig(config));
    }
}
