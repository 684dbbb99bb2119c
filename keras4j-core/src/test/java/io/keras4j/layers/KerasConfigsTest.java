package io.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code fromConfig} on configs as Keras 3 and Keras 2 files write them (parsed JSON: doubles,
 * lists, nulls, serialized initializers, regularizers and constraints).
 */
class KerasConfigsTest {
    private static Map<String, Object> init(String cls) {
        Map<String, Object> m = new HashMap<>();
        m.put("module", "keras.initializers");
        m.put("class_name", cls);
        m.put("config", Map.of());
        m.put("registered_name", null);
        return m;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void batchNormalizationKeras3AndKeras2() {
        BatchNormalization b = BatchNormalization.fromConfig(map("name", "bn", "trainable", true, "dtype", "float32", "axis", -1,
                "momentum", 0.9, "epsilon", 0.001, "center", true, "scale", false, "beta_initializer", init("Zeros"),
                "gamma_initializer", init("Ones"), "moving_mean_initializer", init("Zeros"), "moving_variance_initializer",
                init("Ones"), "beta_regularizer", null, "gamma_regularizer", null, "beta_constraint", null,
                "gamma_constraint", null, "synchronized", false));
        assertEquals("bn", b.name());
        assertEquals(0.9, b.getConfig().get("momentum"));
        assertEquals(false, b.getConfig().get("scale"));
        assertEquals("ones", b.getConfig().get("moving_variance_initializer"));
        b.ensureBuilt(new int[] {4, 4, 3});
        assertEquals(List.of("bn/beta", "bn/moving_mean", "bn/moving_variance"), b.weights().stream().map(v -> v.name()).toList());
        // Keras 2 writes the axis as a list
        BatchNormalization k2 = BatchNormalization.fromConfig(map("name", "bn2", "axis", List.of(3), "momentum", 0.99,
                "epsilon", 0.001, "beta_regularizer", map("class_name", "L2", "config", map("l2", 0.01))));
        assertEquals(3, k2.getConfig().get("axis"));
        assertEquals("L2", ((Map<?, ?>) k2.getConfig().get("beta_regularizer")).get("class_name"));
    }

    @Test
    void activationsAndNoise() {
        ReLU r = ReLU.fromConfig(map("name", "r", "max_value", null, "negative_slope", 0.0, "threshold", 0.0));
        assertNull(r.getConfig().get("max_value"));
        assertEquals(6.0, ReLU.fromConfig(map("max_value", 6.0)).getConfig().get("max_value"));
        assertEquals(0.2, LeakyReLU.fromConfig(map("alpha", 0.2)).getConfig().get("negative_slope"), "Keras 2's alpha");
        assertEquals(0.3, LeakyReLU.fromConfig(map("negative_slope", 0.3)).getConfig().get("negative_slope"));
        PReLU p = PReLU.fromConfig(map("alpha_initializer", init("RandomUniform"), "shared_axes", List.of(1, 2)));
        assertEquals(List.of(1, 2), p.getConfig().get("shared_axes"));
        Dropout d = Dropout.fromConfig(map("rate", 0.5, "noise_shape", Arrays.asList(null, 1, null), "seed", null));
        assertEquals(Arrays.asList(null, 1, null), d.getConfig().get("noise_shape"));
        assertNull(d.seed());
        assertEquals("channels_first", SpatialDropout2D.fromConfig(map("rate", 0.2, "data_format", "channels_first", "noise_shape", null))
                .getConfig().get("data_format"));
        assertEquals(1.0, ThresholdedReLU.fromConfig(map("theta", 1.0)).getConfig().get("theta"));
        assertEquals(2, Softmax.fromConfig(map("axis", 2)).getConfig().get("axis"));
    }
}
