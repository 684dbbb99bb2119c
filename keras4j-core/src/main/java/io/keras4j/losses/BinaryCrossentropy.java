package io.keras4j.losses;

import io.keras4j.engine.FastMath;

/**
 * {@code keras.losses.BinaryCrossentropy(from_logits=False, label_smoothing=0.0, reduction="sum_over_batch_size")}.
 * <pre>
 * label_smoothing: y = y * (1 - label_smoothing) + 0.5 * label_smoothing
 * probabilities: q = clip(p, 1e-7, 1 - 1e-7);  loss = mean_j -(y log q + (1 - y) log(1 - q))
 * from_logits:   loss = mean_j max(x, 0) - x y + log(1 + exp(-|x|))
 * </pre>
 * On probabilities it is used as Keras does even after a softmax (the XOR notebook's setup).
 */
public final class BinaryCrossentropy extends Loss {
    private boolean fromLogits;
    private float labelSmoothing;

    public BinaryCrossentropy() {
        this(false);
    }

    public BinaryCrossentropy(boolean fromLogits) {
        super("binary_crossentropy");
        this.fromLogits = fromLogits;
    }

    /** {@code BinaryCrossentropy(from_logits, label_smoothing)}. */
    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing) {
        this(fromLogits);
        labelSmoothing(labelSmoothing);
    }

    public boolean fromLogits() {
        return fromLogits;
    }

    /** Whether predictions are logits rather than probabilities (default false). */
    public BinaryCrossentropy fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    /** Squeezes the targets towards 0.5: {@code y * (1 - s) + 0.5 * s}, s in [0, 1] (default 0). */
    public BinaryCrossentropy labelSmoothing(double labelSmoothing) {
        this.labelSmoothing = LossUtil.smoothing(name(), labelSmoothing);
        return this;
    }

    public double getLabelSmoothing() {
        return labelSmoothing;
    }

    @Override
    public BinaryCrossentropy reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    private float smooth(float t) {
        return labelSmoothing == 0 ? t : t * (1 - labelSmoothing) + 0.5f * labelSmoothing;
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
                double x = p[po + i], t = smooth(y[yo + i]);
                s += Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x)));
            }
            return s / c;
        }
        if (labelSmoothing != 0) {
            for (int i = 0; i < len; i++) s += term(smooth(y[yo + i]), p[po + i]);
            return s / c;
        }
        int i = 0;
        // Hard labels (0 or 1): a term is -log of q or of 1 - q, exactly (the other weight is 0).
        // Four such terms are taken as one log of their product: each factor is at least 1e-7
        // (the clip), so the product stays a normal float, and the logarithms, most of this
        // loss's time, are a quarter as many.
        for (; i + 4 <= len; i += 4) {
            int a = yo + i, b = po + i;
            float t0 = y[a], t1 = y[a + 1], t2 = y[a + 2], t3 = y[a + 3];
            if (hard(t0) & hard(t1) & hard(t2) & hard(t3)) {
                s -= FastMath.log(picked(t0, p[b]) * picked(t1, p[b + 1]) * picked(t2, p[b + 2]) * picked(t3, p[b + 3]));
            } else {
                s += term(t0, p[b]) + term(t1, p[b + 1]) + term(t2, p[b + 2]) + term(t3, p[b + 3]);
            }
        }
        for (; i < len; i++) s += term(y[yo + i], p[po + i]);
        return s / c;
    }

    private static boolean hard(float t) {
        return t == 0f | t == 1f;
    }

    /** For a hard label: clip(p) when t is 1, 1 - clip(p) when t is 0, exactly. */
    private static float picked(float t, float p) {
        float q = clip(p);
        return t * q + (1 - t) * (1 - q);
    }

    /** One term, -(t log q + (1 - t) log(1 - q)); one log for a hard label. */
    private static double term(float t, float p) {
        if (hard(t)) return -FastMath.log(picked(t, p));
        float q = clip(p);
        return -(t * FastMath.log(q) + (1 - t) * FastMath.log(1 - q));
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
            float t = smooth(y[yo + i]), v = p[po + i];
            if (fromLogits) {
                dp[dpo + i] += sc * ((float) (1 / (1 + Math.exp(-v))) - t);
            } else if (inside(v)) {
                dp[dpo + i] += sc * (-t / v + (1 - t) / (1 - v));
            }
        }
    }
}
