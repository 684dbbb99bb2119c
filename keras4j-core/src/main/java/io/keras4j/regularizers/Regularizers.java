package io.keras4j.regularizers;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code keras.regularizers.get}: a regularizer by name or from its serialized config.
 * <pre>
 * "l1"     L1(0.01)            "l2"  L2(0.01)            "l1_l2"  L1L2(l1=0.01, l2=0.01)
 * "l1l2"   L1L2() (Keras 3's name for the class: both factors 0)
 * {"class_name": "L2", "config": {"l2": 0.001}}  (Keras's serialized form; "L1", "L1L2" likewise)
 * </pre>
 */
public final class Regularizers {
    public static final List<String> NAMES = List.of("l1", "l2", "l1_l2");

    private Regularizers() {}

    /** The regularizer named {@code name} with Keras's default factors. */
    public static Regularizer get(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "l1": return new L1();
            case "l2": return new L2();
            case "l1_l2": return new L1L2(0.01, 0.01); // Keras 2's l1_l2() defaults
            case "l1l2": return new L1L2(); // Keras 3's snake_case class name: L1L2() with both factors 0
            default:
                throw new IllegalArgumentException("Unknown regularizer '" + name + "'; valid regularizers: "
                        + String.join(", ", NAMES) + " (or an L1, L2, L1L2 instance)");
        }
    }

    /**
     * From a layer config value: null (none), a name, a {@link Regularizer}, or Keras's serialized
     * map ({@code class_name} and {@code config}).
     */
    public static Regularizer fromConfig(Object value) {
        if (value == null) return null;
        if (value instanceof Regularizer) return (Regularizer) value;
        if (value instanceof String) return get((String) value);
        if (value instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) value;
            Object cls = m.get("class_name");
            Map<?, ?> c = m.get("config") instanceof Map ? (Map<?, ?>) m.get("config") : Map.of();
            if ("L1".equals(cls) || "l1".equals(cls)) return new L1(num(c, "l1", 0.01));
            if ("L2".equals(cls) || "l2".equals(cls)) return new L2(num(c, "l2", 0.01));
            if ("L1L2".equals(cls) || "l1_l2".equals(cls)) return new L1L2(num(c, "l1", 0.0), num(c, "l2", 0.0));
            throw new IllegalArgumentException("Unknown regularizer class '" + cls + "' in " + value);
        }
        throw new IllegalArgumentException("a regularizer must be a name or a config map, got " + value);
    }

    /** Keras's serialized form, or null for none. */
    public static Map<String, Object> serialize(Regularizer r) {
        return r == null ? null : r.serialize();
    }

    private static double num(Map<?, ?> c, String key, double dflt) {
        Object v = c.get(key);
        if (v == null) return dflt;
        if (!(v instanceof Number)) throw new IllegalArgumentException("regularizer config '" + key + "' must be a number, got " + v);
        return ((Number) v).doubleValue();
    }
}
