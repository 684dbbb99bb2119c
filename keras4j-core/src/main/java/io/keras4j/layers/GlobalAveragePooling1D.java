package io.keras4j.layers;

import java.util.Map;

/**
 * {@code keras.layers.GlobalAveragePooling1D}: the mean over the spatial axes, per channel:
 * {@code (batch, steps, features) -> (batch, features)}; {@code keepdims(true)} keeps the pooled axes as 1s. Defaults: data format
 * "channels_last", keepdims false (see {@link BaseGlobalPooling}).
 * <pre>{@code
 * model.add(new GlobalAveragePooling1D());
 * }</pre>
 */
public class GlobalAveragePooling1D extends BaseGlobalPooling<GlobalAveragePooling1D> {

    public GlobalAveragePooling1D() {
        super("global_average_pooling1d", 1, false);
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static GlobalAveragePooling1D fromConfig(Map<String, Object> config) {
        return configure(new GlobalAveragePooling1D(), new LayerConfig(config));
    }
}
