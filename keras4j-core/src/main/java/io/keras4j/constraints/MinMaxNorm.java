package io.keras4j.constraints;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code keras.constraints.MinMaxNorm(min_value=0.0, max_value=1.0, rate=1.0, axis=0)}:
 * {@code desired = rate * clip(norms, min_value, max_value) + (1 - rate) * norms};
 * {@code w * desired / (1e-7 + norms)}.
 */
public class MinMaxNorm extends NormConstraint {
    private final double minValue, maxValue, rate;

    public MinMaxNorm() {
        this(0.0, 1.0);
    }

    public MinMaxNorm(double minValue, double maxValue) {
        this(minValue, maxValue, 1.0);
    }

    public MinMaxNorm(double minValue, double maxValue, double rate, int... axis) {
        super("MinMaxNorm", axis.length == 0 ? new int[] {0} : axis);
        if (!(minValue >= 0) || !(maxValue >= minValue) || Double.isInfinite(maxValue)) {
            throw new IllegalArgumentException("MinMaxNorm: need 0 <= min_value <= max_value, got " + minValue + ", " + maxValue);
        }
        if (!(rate >= 0 && rate <= 1)) throw new IllegalArgumentException("MinMaxNorm: rate must be in [0, 1], got " + rate);
        this.minValue = minValue;
        this.maxValue = maxValue;
        this.rate = rate;
    }

    @Override
    double desired(double norm) {
        return rate * Math.min(Math.max(norm, minValue), maxValue) + (1 - rate) * norm;
    }

    @Override
    public String className() {
        return "MinMaxNorm";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("min_value", minValue);
        c.put("max_value", maxValue);
        c.put("rate", rate);
        c.put("axis", axisConfig());
        return c;
    }
}
