package io.keras4j.layers;

import io.keras4j.engine.Variable;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code keras.layers.Wrapper}: a layer that wraps another ({@link TimeDistributed},
 * {@link Bidirectional}); its weights are the wrapped layers'. Its config holds the wrapped layer
 * as Keras serializes it: {@code {"module": "keras.layers", "class_name": ..., "config": {...}}}.
 */
public abstract class Wrapper extends Layer {
    protected final Layer layer;

    protected Wrapper(String baseName, Layer layer) {
        super(baseName);
        if (layer == null) throw new IllegalArgumentException(getClass().getSimpleName() + ": the wrapped layer must not be null");
        this.layer = layer;
    }

    /** The wrapped layer. */
    public Layer layer() {
        return layer;
    }

    @Override
    public List<Variable> weights() {
        return layer.weights();
    }

    @Override
    public int countParams() {
        int n = 0;
        for (Variable v : weights()) n += v.size();
        return n;
    }

    /** Keras's {@code serialize_keras_object} of a layer. */
    static Map<String, Object> serialize(Layer l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", "keras.layers");
        m.put("class_name", l.getClass().getSimpleName());
        m.put("config", l.getConfig());
        return m;
    }

    /** The layer of a {@link #serialize} map: {@code io.keras4j.layers.<class_name>.fromConfig(config)}. */
    @SuppressWarnings("unchecked")
    static Layer deserialize(Object serialized) {
        if (!(serialized instanceof Map)) throw new IllegalArgumentException("a wrapped layer's config must be a map, got " + serialized);
        Map<String, Object> m = (Map<String, Object>) serialized;
        Object cls = m.get("class_name"), config = m.get("config");
        if (!(cls instanceof String) || !(config instanceof Map)) {
            throw new IllegalArgumentException("a wrapped layer's config needs 'class_name' and 'config', got " + m);
        }
        try {
            Class<?> c = Class.forName("io.keras4j.layers." + cls);
            return (Layer) c.getMethod("fromConfig", Map.class).invoke(null, config);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalArgumentException("unknown layer class '" + cls + "'", e);
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (t instanceof RuntimeException) throw (RuntimeException) t;
            throw new IllegalArgumentException(t);
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("layer", serialize(layer));
        return c;
    }
}
