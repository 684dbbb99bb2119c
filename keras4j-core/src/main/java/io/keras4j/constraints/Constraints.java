package io.keras4j.constraints;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code keras.constraints.get}: a constraint by name or from its serialized config.
 * <pre>
 * "max_norm"  MaxNorm(2, axis 0)     "non_neg"  NonNeg()     "unit_norm"  UnitNorm(axis 0)
 * "min_max_norm"  MinMaxNorm(0, 1, rate 1, axis 0)
 * {"class_name": "MaxNorm", "config": {"max_value": 3, "axis": 0}}  (Keras's serialized form)
 * </pre>
 */
public final class Constraints {
    public static final List<String> NAMES = List.of("max_norm", "non_neg", "unit_norm", "min_max_norm");

    private Constraints() {}

    public static Constraint get(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "max_norm": case "maxnorm": return new MaxNorm();
            case "non_neg": case "nonneg": return new NonNeg();
            case "unit_norm": case "unitnorm": return new UnitNorm();
            case "min_max_norm": case "minmaxnorm": return new MinMaxNorm();
            default:
                throw new IllegalArgumentException("Unknown constraint '" + name + "'; valid constraints: " + String.join(", ", NAMES));
        }
    }

    /** From a layer config value: null (none), a name, a {@link Constraint}, or Keras's serialized map. */
    public static Constraint fromConfig(Object value) {
        if (value == null) return null;
        if (value instanceof Constraint) return (Constraint) value;
        if (value instanceof String) return get((String) value);
        if (value instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) value;
            Object cls = m.get("class_name");
            Map<?, ?> c = m.get("config") instanceof Map ? (Map<?, ?>) m.get("config") : Map.of();
            int[] axis = axis(c.get("axis"));
            switch (String.valueOf(cls)) {
                case "MaxNorm": return new MaxNorm(num(c, "max_value", 2.0), axis);
                case "NonNeg": return new NonNeg();
                case "UnitNorm": return new UnitNorm(axis);
                case "MinMaxNorm": return new MinMaxNorm(num(c, "min_value", 0.0), num(c, "max_value", 1.0), num(c, "rate", 1.0), axis);
                default: return get(String.valueOf(cls));
            }
        }
        throw new IllegalArgumentException("a constraint must be a name or a config map, got " + value);
    }

    /** Keras's serialized form, or null for none. */
    public static Map<String, Object> serialize(Constraint c) {
        return c == null ? null : c.serialize();
    }

    private static int[] axis(Object v) {
        if (v == null) return new int[] {0};
        if (v instanceof Number) return new int[] {((Number) v).intValue()};
        if (v instanceof int[]) return ((int[]) v).clone();
        if (v instanceof List) return ((List<?>) v).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
        throw new IllegalArgumentException("constraint axis must be an integer or a list, got " + v);
    }

    private static double num(Map<?, ?> c, String key, double dflt) {
        Object v = c.get(key);
        if (v == null) return dflt;
        if (!(v instanceof Number)) throw new IllegalArgumentException("constraint config '" + key + "' must be a number, got " + v);
        return ((Number) v).doubleValue();
    }
}
