package io.keras4j.saving;

import io.keras4j.losses.BinaryCrossentropy;
import io.keras4j.losses.CategoricalCrossentropy;
import io.keras4j.losses.Loss;
import io.keras4j.losses.Losses;
import io.keras4j.losses.SparseCategoricalCrossentropy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Losses in a {@code compile_config} as Keras 3 writes them: a loss given by name is the function
 * {@code {"module": "builtins", "class_name": "function", "config": "mse", "registered_name": "function"}};
 * a loss object with options (here {@code from_logits=True}) is
 * {@code {"module": "keras.losses", "class_name": "SparseCategoricalCrossentropy", "config": {...}}}.
 * Keras 2's {@code training_config} has the bare name.
 */
final class LossConfigs {
    private LossConfigs() {}

    static Object serialize(Loss loss) {
        boolean logits = loss instanceof CategoricalCrossentropy ? ((CategoricalCrossentropy) loss).fromLogits()
                : loss instanceof BinaryCrossentropy && ((BinaryCrossentropy) loss).fromLogits();
        Map<String, Object> m = new LinkedHashMap<>();
        if (!logits) {
            m.put("module", "builtins");
            m.put("class_name", "function");
            m.put("config", loss.name());
            m.put("registered_name", "function");
            return m;
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", loss.name());
        c.put("reduction", "sum_over_batch_size");
        c.put("from_logits", true);
        if (loss instanceof SparseCategoricalCrossentropy) c.put("ignore_class", null);
        else {
            c.put("label_smoothing", 0.0);
            c.put("axis", -1);
        }
        m.put("module", "keras.losses");
        m.put("class_name", LegacyConfigs.camel(loss.name()));
        m.put("config", c);
        m.put("registered_name", null);
        return m;
    }

    @SuppressWarnings("unchecked")
    static Loss deserialize(Object spec, String file, String where) {
        String name;
        boolean logits = false;
        if (spec instanceof String) name = (String) spec;
        else if (spec instanceof Map && ((Map<String, Object>) spec).get("config") instanceof String) {
            name = (String) ((Map<String, Object>) spec).get("config");
        } else if (spec instanceof Map && ((Map<String, Object>) spec).get("class_name") instanceof String) {
            Map<String, Object> m = (Map<String, Object>) spec;
            name = LegacyConfigs.snake((String) m.get("class_name"));
            if (m.get("config") instanceof Map) logits = Boolean.TRUE.equals(((Map<String, Object>) m.get("config")).get("from_logits"));
        } else {
            throw new KerasFileException(file, where, "unsupported loss " + Json.typeName(spec));
        }
        try {
            if (logits) {
                switch (name) {
                    case "sparse_categorical_crossentropy": return new SparseCategoricalCrossentropy(true);
                    case "categorical_crossentropy": return new CategoricalCrossentropy(true);
                    case "binary_crossentropy": return new BinaryCrossentropy(true);
                    default: throw new IllegalArgumentException("from_logits is not supported for loss '" + name + "'");
                }
            }
            return Losses.get(name);
        } catch (IllegalArgumentException e) {
            throw new KerasFileException(file, where, e.getMessage(), e);
        }
    }
}
