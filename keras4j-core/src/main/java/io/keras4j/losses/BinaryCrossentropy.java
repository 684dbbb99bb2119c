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
        return lossSum(p, po, y, yo, 1, c);
    }

    /** Element-wise: one flat loop over all {@code rows * c} terms, then the mean over each row's c. */
    @Override
    public double lossSum(float[] p, int po, float[] y, int yo, int rows, int c) {
        double s = 0;
        int len = rows * c;
        if (fromLogits) {
            for (int i = 0; i < len; i++) {
                double x = p[po + i], t = y[yo + i];
                s += Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x)));
            }
            return s / c;
        }
        for (int i = 0; i < len; i++) {
            float t = y[yo + i], q = clip(p[po + i]);
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
        gradRows(p, po, y, yo, 1, c, scale, dp, dpo);
    }

    @Override
    public void gradRows(float[] p, int po, float[] y, int yo, int rows, int c, float scale, float[] dp, int dpo) {
        float sc = scale / c;
        int len = rows * c;
        for (int i = 0; i < len; i++) {
            float t = y[yo + i], v = p[po + i];
            if (fromLogits) {
                dp[dpo + i] += sc * ((float) (1 / (1 + Math.exp(-v))) - t);
            } else if (inside(v)) {
                dp[dpo + i] += sc * (-t / v + (1 - t) / (1 - v));
            }
        }
    }
}
