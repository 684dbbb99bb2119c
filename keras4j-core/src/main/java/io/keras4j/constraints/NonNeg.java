package io.keras4j.constraints;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code keras.constraints.NonNeg()}: {@code w * (w >= 0)}, negative weights set to 0. */
public class NonNeg extends Constraint {

    @Override
    public void apply(float[] w, int off, int[] shape) {
        int size = 1;
        for (int d : shape) size *= d;
        for (int i = off, end = off + size; i < end; i++) if (w[i] < 0f) w[i] = 0f;
    }

    @Override
    public String className() {
        return "NonNeg";
    }

    @Override
    public Map<String, Object> getConfig() {
        return new LinkedHashMap<>();
    }
}
