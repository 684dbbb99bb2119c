package io.keras4j.regularizers;

import io.keras4j.engine.ops.PenaltyFn;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code keras.regularizers.Regularizer}: a penalty on a weight (or on a layer's output) added to
 * the training loss. Set on a layer with {@code kernelRegularizer}, {@code biasRegularizer},
 * {@code activityRegularizer}; see {@link Regularizers#get} for the names.
 */
public abstract class Regularizer implements PenaltyFn {

    /** The Keras class name, e.g. {@code "L2"}. */
    public abstract String className();

    /** The Keras config, e.g. {@code {"l2": 0.01}}. */
    public abstract Map<String, Object> getConfig();

    /**
     * Keras's serialized form, as in a layer's config:
     * {@code {"module": "keras.regularizers", "class_name": "L2", "config": {"l2": 0.01}, "registered_name": null}}.
     */
    public Map<String, Object> serialize() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", "keras.regularizers");
        m.put("class_name", className());
        m.put("config", getConfig());
        m.put("registered_name", null);
        return m;
    }

    @Override
    public String toString() {
        return className() + getConfig();
    }

    static double factor(String cls, String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(cls + ": " + name + " must be a finite number >= 0, got " + v);
        }
        return v;
    }
}
