package io.keras4j.constraints;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code keras.constraints.Constraint}: a projection applied to a weight after each optimizer step
 * ({@code w = constraint(w)}). Set on a layer with {@code kernelConstraint}, {@code biasConstraint};
 * see {@link Constraints#get} for the names.
 */
public abstract class Constraint {

    /** Projects the weight {@code w[off .. off + prod(shape))} of shape {@code shape} in place. Allocates nothing after its first call for a shape. */
    public abstract void apply(float[] w, int off, int[] shape);

    /** The Keras class name, e.g. {@code "MaxNorm"}. */
    public abstract String className();

    /** The Keras config. */
    public abstract Map<String, Object> getConfig();

    /** Keras's serialized form, as in a layer's config. */
    public Map<String, Object> serialize() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", "keras.constraints");
        m.put("class_name", className());
        m.put("config", getConfig());
        m.put("registered_name", null);
        return m;
    }

    @Override
    public String toString() {
        return className() + getConfig();
    }
}
