package io.keras4j.constraints;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code keras.constraints.MaxNorm(max_value=2, axis=0)}: slices whose L2 norm exceeds
 * {@code max_value} are scaled down to it:
 * {@code w * clip(norms, 0, max_value) / (1e-7 + norms)}.
 */
public class MaxNorm extends NormConstraint {
    private final double maxValue;

    public MaxNorm() {
        this(2.0);
    }

    public MaxNorm(double maxValue, int... axis) {
        super("MaxNorm", axis.length == 0 ? new int[] {0} : axis);
        if (!(maxValue >= 0) || Double.isInfinite(maxValue)) throw new IllegalArgumentException("MaxNorm: max_value must be >= 0, got " + maxValue);
        this.maxValue = maxValue;
    }

    @Override
    double desired(double norm) {
        return Math.min(Math.max(norm, 0), maxValue);
    }

    @Override
    public String className() {
        return "MaxNorm";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("max_value", maxValue);
        c.put("axis", axisConfig());
        return c;
    }
}
