package io.keras4j.losses;

import io.keras4j.engine.FastMath;

/**
 * {@code keras.losses.BinaryCrossentropy}.
 * <pre>
 * probabilities: q = clip(p, 1e-7, 1 - 1e-7);  loss = mean_j -(y log q + (1 - y) log(1 - q))
 * from_logits:   loss = mean_j max(x, 0) - x y + log(1 + exp(-|x|))
 * </pre>
 * On probabilities it is used as Keras does even after a softmax (the XOR notebook's setup).
 */
public final class BinaryCrossentropy extends Loss {
    private final boolean fromLogits;

    public BinaryCrossentropy() {
        this(false);
    }

    public BinaryCrossentropy(boolean fromLogits) {
        super("binary_crossentropy");
        this.fromLogits = fromLogits;
    }

    public boolean fromLogits() {
        return fromLogits;
    }

    @Override
    public double loss(float[] p, int po, float[] y, int yo, int c) {
        double s = 0;
        if (fromLogits) {
            for (int j = 0; j < c; j++) {
                double x = p[po + j], t = y[yo + j];
                s += Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x)));
            }
            return s / c;
        }
        for (int j = 0; j < c; j++) {
            float t = y[yo + j], q = clip(p[po + j]);
            if (t == 0f | t == 1f) { // a hard label: the other term's weight is 0, and it adds exactly 0
                s -= FastMath.log(t * q + (1 - t) * (1 - q)); // q or 1 - q, exactly
            } else {
                s -= t * FastMath.log(q) + (1 - t) * FastMath.log(1 - q);
            }
        }
        return s / c;
    }

    @Override
    public void grad(float[] p, int po, float[] y, int yo, int c, float scale, float[] dp, int dpo) {
        float sc = scale / c;
        for (int j = 0; j < c; j++) {
            float t = y[yo + j], v = p[po + j];
            if (fromLogits) {
                dp[dpo + j] += sc * ((float) (1 / (1 + Math.exp(-v))) - t);
            } else if (inside(v)) {
                dp[dpo + j] += sc * (-t / v + (1 - t) / (1 - v));
            }
        }
    }
}
