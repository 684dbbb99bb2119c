package io.keras4j.layers;

import io.keras4j.constraints.Constraint;
import io.keras4j.constraints.Constraints;
import io.keras4j.regularizers.Regularizer;
import io.keras4j.regularizers.Regularizers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The regularizers and constraints of a convolution's weights, by the weight's role in Keras's
 * argument names ({@code kernel}, {@code depthwise}, {@code pointwise}, {@code bias}), and its
 * activity regularizer: {@code kernel_regularizer=None, bias_regularizer=None,
 * activity_regularizer=None, kernel_constraint=None, bias_constraint=None} (all default none).
 * The config keys are written in Keras 3's order: every {@code <role>_regularizer}, then
 * {@code activity_regularizer}, then every {@code <role>_constraint}.
 */
final class ConvPenalties {
    private final Map<String, Regularizer> regularizers = new HashMap<>();
    private final Map<String, Constraint> constraints = new HashMap<>();
    Regularizer activity;

    void regularizer(String role, Regularizer r) {
        regularizers.put(role, r);
    }

    Regularizer regularizer(String role) {
        return regularizers.get(role);
    }

    void constraint(String role, Constraint c) {
        constraints.put(role, c);
    }

    Constraint constraint(String role) {
        return constraints.get(role);
    }

    /** Adds the keys for {@code roles} (in order) to a layer config. */
    void putConfig(Map<String, Object> c, List<String> roles) {
        for (String r : roles) c.put(r + "_regularizer", Regularizers.serialize(regularizers.get(r)));
        c.put("activity_regularizer", Regularizers.serialize(activity));
        for (String r : roles) c.put(r + "_constraint", Constraints.serialize(constraints.get(r)));
    }

    /** Reads the keys for {@code roles} from a layer config (absent or null: none). */
    void read(LayerConfig c, List<String> roles) {
        for (String r : roles) {
            regularizers.put(r, Regularizers.fromConfig(c.get(r + "_regularizer")));
            constraints.put(r, Constraints.fromConfig(c.get(r + "_constraint")));
        }
        activity = Regularizers.fromConfig(c.get("activity_regularizer"));
    }
}
