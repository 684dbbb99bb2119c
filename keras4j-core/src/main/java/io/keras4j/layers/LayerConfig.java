package io.keras4j.layers;

import java.util.List;
import java.util.Map;

/**
 * Typed reads of a layer's Keras config (a map as parsed from Keras's JSON: numbers may be any
 * {@link Number}, tuples lists or arrays), for the layers' {@code fromConfig} methods.
 *
 * <p>The convention every layer {@code io.keras4j.layers.X} follows: {@link Layer#getConfig()}
 * returns Keras 3's config keys in snake_case, and a {@code public static X fromConfig(Map<String,
 * Object> config)} builds an equal layer from it ({@code X.fromConfig(x.getConfig())} has the same
 * config as {@code x}).
 * <pre>{@code
 * LayerConfig c = new LayerConfig(config);
 * Conv2D l = new Conv2D(c.getInt("filters"), c.getInts("kernel_size")).strides(c.getInts("strides", 1, 1));
 * return c.applyBase(l);
 * }</pre>
 */
public final class LayerConfig {
    private final Map<String, Object> map;

    public LayerConfig(Map<String, Object> config) {
        if (config == null) throw new IllegalArgumentException("a layer config must not be null");
        this.map = config;
    }

    public boolean has(String key) {
        return map.get(key) != null;
    }

    public Object get(String key) {
        return map.get(key);
    }

    private Object required(String key) {
        Object v = map.get(key);
        if (v == null) throw new IllegalArgumentException("layer config has no '" + key + "'");
        return v;
    }

    public int getInt(String key) {
        return toInt(key, required(key));
    }

    public int getInt(String key, int dflt) {
        return has(key) ? getInt(key) : dflt;
    }

    public double getDouble(String key) {
        Object v = required(key);
        if (!(v instanceof Number)) throw new IllegalArgumentException("layer config '" + key + "' must be a number, got " + v);
        return ((Number) v).doubleValue();
    }

    public double getDouble(String key, double dflt) {
        return has(key) ? getDouble(key) : dflt;
    }

    public boolean getBoolean(String key, boolean dflt) {
        Object v = map.get(key);
        if (v == null) return dflt;
        if (!(v instanceof Boolean)) throw new IllegalArgumentException("layer config '" + key + "' must be true or false, got " + v);
        return (Boolean) v;
    }

    public String getString(String key, String dflt) {
        Object v = map.get(key);
        if (v == null) return dflt;
        if (!(v instanceof String)) throw new IllegalArgumentException("layer config '" + key + "' must be a string, got " + v);
        return (String) v;
    }

    /** A tuple: a list or array of integers, or one integer (Keras accepts both for tuple arguments). */
    public int[] getInts(String key) {
        Object v = required(key);
        if (v instanceof int[]) return ((int[]) v).clone();
        if (v instanceof Number) return new int[] {toInt(key, v)};
        if (v instanceof List) {
            List<?> l = (List<?>) v;
            int[] r = new int[l.size()];
            for (int i = 0; i < r.length; i++) r[i] = toInt(key, l.get(i));
            return r;
        }
        throw new IllegalArgumentException("layer config '" + key + "' must be an integer or a list of integers, got " + v);
    }

    public int[] getInts(String key, int... dflt) {
        return has(key) ? getInts(key) : dflt.clone();
    }

    /** Sets the base keys every layer has ({@code name}) on {@code layer}; returns it. */
    public <T extends Layer> T applyBase(T layer) {
        String name = getString("name", null);
        if (name != null) layer.name(name);
        return layer;
    }

    private static int toInt(String key, Object v) {
        if (!(v instanceof Number)) throw new IllegalArgumentException("layer config '" + key + "' must be an integer, got " + v);
        double d = ((Number) v).doubleValue();
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("layer config '" + key + "' must be an integer, got " + v);
        }
        return (int) d;
    }
}
