package io.keras4j.layers;

import io.keras4j.initializers.Initializers;
import java.util.Map;

/**
 * Reads an initializer from a layer config as Keras files write it: a name ({@code "zeros"}) or
 * the serialized form ({@code {"class_name": "Zeros", "config": {}}}, Keras 2 and 3), whose class
 * name is turned into the snake_case name {@link Initializers#get} takes. For the layers of the
 * normalization helpers' {@code fromConfig}.
 */
final class ConfigInitializers {
    private ConfigInitializers() {}

    static String name(LayerConfig c, String key, String dflt) {
        Object v = c.get(key);
        if (v == null) return dflt;
        if (v instanceof String) return (String) v;
        if (v instanceof Map && ((Map<?, ?>) v).get("class_name") instanceof String) {
            return snake((String) ((Map<?, ?>) v).get("class_name"));
        }
        throw new IllegalArgumentException("layer config '" + key + "' must be an initializer name or config, got " + v);
    }

    /** {@code GlorotUniform} -> {@code glorot_uniform}; names already in snake case are kept. */
    static String snake(String cls) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cls.length(); i++) {
            char ch = cls.charAt(i);
            if (Character.isUpperCase(ch)) {
                if (i > 0 && cls.charAt(i - 1) != '_') b.append('_');
                b.append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
