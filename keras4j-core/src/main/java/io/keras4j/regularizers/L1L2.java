package io.keras4j.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code keras.regularizers.L1L2(l1=0.0, l2=0.0)}:
 * {@code loss += l1 * sum(|x|) + l2 * sum(x^2)}; the gradient is {@code l1 * sign(x) + 2 * l2 * x}
 * (sign(0) = 0, as TensorFlow's). The string {@code "l1_l2"} gives {@code L1L2(0.01, 0.01)}.
 */
public class L1L2 extends Regularizer {
    private final double l1, l2;

    /** Both factors 0 (Keras 3's defaults). */
    public L1L2() {
        this(0.0, 0.0);
    }

    public L1L2(double l1, double l2) {
        this.l1 = factor("L1L2", "l1", l1);
        this.l2 = factor("L1L2", "l2", l2);
    }

    public double l1() {
        return l1;
    }

    public double l2() {
        return l2;
    }

    @Override
    public String className() {
        return "L1L2";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("l1", l1);
        c.put("l2", l2);
        return c;
    }

    @Override
    public double value(float[] w, int off, int len) {
        double a = 0, s = 0;
        for (int i = off, end = off + len; i < end; i++) {
            a += Math.abs(w[i]);
            s += (double) w[i] * w[i];
        }
        return l1 * a + l2 * s;
    }

    @Override
    public void addGradient(float[] w, int off, int len, float scale, float[] g, int goff) {
        float a = (float) (scale * l1), b = (float) (2 * scale * l2);
        for (int i = 0; i < len; i++) {
            float x = w[off + i];
            g[goff + i] += a * Math.signum(x) + b * x;
        }
    }
}
