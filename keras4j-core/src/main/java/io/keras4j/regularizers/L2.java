package io.keras4j.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code keras.regularizers.L2(l2=0.01)}: {@code loss += l2 * sum(x^2)} (no 1/2, as Keras);
 * gradient {@code 2 * l2 * x}. The string {@code "l2"} gives the default.
 */
public class L2 extends Regularizer {
    private final double l2;

    public L2() {
        this(0.01);
    }

    public L2(double l2) {
        this.l2 = factor("L2", "l2", l2);
    }

    public double l2() {
        return l2;
    }

    @Override
    public String className() {
        return "L2";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("l2", l2);
        return c;
    }

    @Override
    public double value(float[] w, int off, int len) {
        double s = 0;
        for (int i = off, end = off + len; i < end; i++) s += (double) w[i] * w[i];
        return l2 * s;
    }

    @Override
    public void addGradient(float[] w, int off, int len, float scale, float[] g, int goff) {
        float b = (float) (2 * scale * l2);
        for (int i = 0; i < len; i++) g[goff + i] += b * w[off + i];
    }
}
