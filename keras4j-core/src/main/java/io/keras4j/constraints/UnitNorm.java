package io.keras4j.constraints;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code keras.constraints.UnitNorm(axis=0)}: {@code w / (1e-7 + norms)}, each slice to norm 1. */
public class UnitNorm extends NormConstraint {

    public UnitNorm(int... axis) {
        super("UnitNorm", axis.length == 0 ? new int[] {0} : axis);
    }

    @Override
    double desired(double norm) {
        return 1.0;
    }

    @Override
    public String className() {
        return "UnitNorm";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("axis", axisConfig());
        return c;
    }
}
