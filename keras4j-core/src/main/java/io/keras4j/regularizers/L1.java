package io.keras4j.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code keras.regularizers.L1(l1=0.01)}: {@code loss += l1 * sum(|x|)}; gradient
 * {@code l1 * sign(x)} (0 at 0). The string {@code "l1"} gives the default.
 */
public class L1 extends Regularizer {
    private final double l1;

    public L1() {
        this(0.01);
    }

    public L1(double l1) {
        this.l1 = factor("L1", "l1", l1);
    }

    public double l1() {
        return l1;
    }

    @Override
    public String className() {
        return "L1";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("l1", l1);
        return c;
    }

    @Override
    public double value(float[] w, int off, int len) {
        double a = 0;
        for (int i = off, end = off + len; i < end; i++) a += Math.abs(w[i]);
        return l1 * a;
    }

    @Override
    public void addGradient(float[] w, int off, int len, float scale, float[] g, int goff) {
        float a = (float) (scale * l1);
        for (int i = 0; i < len; i++) g[goff + i] += a * Math.signum(w[off + i]);
    }
}
