package io.keras4j.saving;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras 1/2's {@code hard_sigmoid}, {@code clip(0.2 x + 0.5, 0, 1)}, in a form Keras 3 reads.
 *
 * <p>Keras 3's own {@code hard_sigmoid} is another function ({@code relu6(x + 3) / 6}, slope 1/6),
 * so a converted legacy model (an LSTM's default {@code recurrent_activation} in Keras 2) cannot
 * be written with that name; keras4j's name for the Keras 2 function, {@code hard_sigmoid_keras2},
 * is unknown to Keras 3. Keras 3 takes any serialized callable as an activation
 * ({@code activations.get} deserializes a dict, and a layer is callable), without a
 * {@code Lambda} and so in safe mode. The activation is written as that callable:
 * <pre>
 * {"module": "keras", "class_name": "Sequential", "config": {"name": "hard_sigmoid_keras2", "layers": [
 *     {"module": "keras.layers", "class_name": "Rescaling", "config": {"scale": 0.2, "offset": 0.5}},
 *     {"module": "keras.layers", "class_name": "ReLU", "config": {"max_value": 1.0, "negative_slope": 0.0, "threshold": 0.0}}]}}
 * </pre>
 * i.e. {@code min(max(0.2 x + 0.5, 0), 1)}, the same float32 operations as Keras 2's. Keras 3.15.1
 * builds, runs and re-saves such a Dense and LSTM (the test fixture
 * {@code keras-compat/functional/hard_sigmoid_keras2.keras}, which keras4j reproduces), and loads a
 * converted Keras 2 LSTM that keras4j wrote this way with keras4j's outputs
 * ({@code scripts/check-keras-file.py}). Reading, keras4j turns exactly this form (with or without
 * an {@code InputLayer}, as Keras re-saves it) back into {@code "hard_sigmoid_keras2"}, so its own
 * round trip is exact. Keras 3 writes empty weight groups for the callable's two layers
 * ({@code .../recurrent_activation/layers/rescaling/vars}); keras4j does not, and Keras loads its
 * files without them.
 */
final class HardSigmoidKeras2 {
    static final String NAME = "hard_sigmoid_keras2";

    private HardSigmoidKeras2() {}

    /** The Keras 3 form of the activation. */
    static Map<String, Object> serialized() {
        Map<String, Object> rc = new LinkedHashMap<>();
        rc.put("name", "rescaling");
        rc.put("scale", 0.2);
        rc.put("offset", 0.5);
        Map<String, Object> lc = new LinkedHashMap<>();
        lc.put("name", "re_lu");
        lc.put("max_value", 1.0);
        lc.put("negative_slope", 0.0);
        lc.put("threshold", 0.0);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", NAME);
        c.put("layers", new ArrayList<>(List.of(object("keras.layers", "Rescaling", rc), object("keras.layers", "ReLU", lc))));
        return object("keras", "Sequential", c);
    }

    private static Map<String, Object> object(String module, String cls, Map<String, Object> config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", module);
        m.put("class_name", cls);
        m.put("config", config);
        m.put("registered_name", null);
        return m;
    }

    private static boolean isActivationKey(String k) {
        return k.equals("activation") || k.equals("recurrent_activation");
    }

    /** A copy of a layer config with every {@code "hard_sigmoid_keras2"} activation (wrapped layers' too) in its Keras 3 form. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> toKeras3(Map<String, Object> config) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            Object v = e.getValue();
            if (isActivationKey(e.getKey()) && NAME.equals(v)) v = serialized();
            else if (v instanceof Map) v = toKeras3((Map<String, Object>) v);
            out.put(e.getKey(), v);
        }
        return out;
    }

    /** A copy of a layer config with the Keras 3 form of the activation turned back into {@code "hard_sigmoid_keras2"}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fromKeras3(Map<String, Object> config) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            Object v = e.getValue();
            if (isActivationKey(e.getKey()) && v instanceof Map && matches((Map<String, Object>) v)) v = NAME;
            else if (v instanceof Map) v = fromKeras3((Map<String, Object>) v);
            out.put(e.getKey(), v);
        }
        return out;
    }

    /** Whether {@code m} is the serialized Sequential of {@code Rescaling(0.2, 0.5)} then {@code ReLU(max_value=1)}. */
    @SuppressWarnings("unchecked")
    static boolean matches(Map<String, Object> m) {
        if (!"Sequential".equals(m.get("class_name")) || !(m.get("config") instanceof Map)) return false;
        Object ls = ((Map<String, Object>) m.get("config")).get("layers");
        if (!(ls instanceof List)) return false;
        List<Map<String, Object>> layers = new ArrayList<>();
        for (Object o : (List<Object>) ls) {
            if (!(o instanceof Map)) return false;
            Map<String, Object> l = (Map<String, Object>) o;
            if (!"InputLayer".equals(l.get("class_name"))) layers.add(l);
        }
        if (layers.size() != 2) return false;
        Map<String, Object> r = configOf(layers.get(0), "Rescaling"), u = configOf(layers.get(1), "ReLU");
        return r != null && u != null && is(r.get("scale"), 0.2) && is(r.get("offset"), 0.5) && is(u.get("max_value"), 1.0)
                && is(u.getOrDefault("negative_slope", 0.0), 0.0) && is(u.getOrDefault("threshold", 0.0), 0.0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> configOf(Map<String, Object> l, String cls) {
        return cls.equals(l.get("class_name")) && l.get("config") instanceof Map ? (Map<String, Object>) l.get("config") : null;
    }

    private static boolean is(Object v, double want) {
        return v instanceof Number && ((Number) v).doubleValue() == want;
    }
}
