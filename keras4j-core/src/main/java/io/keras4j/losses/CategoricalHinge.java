package io.keras4j.losses;

/**
 * {@code keras.losses.CategoricalHinge(reduction="sum_over_batch_size")}, one-hot (or -1/1) targets.
 * <pre>
 * pos = sum_j y_j p_j
 * neg = max_j (1 - y_j) p_j
 * loss = max(neg - pos + 1, 0)
 * </pre>
 * The gradient of the max goes in equal parts to tied maxima, as TensorFlow's {@code reduce_max}.
 */
public final class CategoricalHinge extends Loss {

    public CategoricalHinge() {
        super("categorical_hinge");
    }

    @Override
    public CategoricalHinge reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    @Override
    public double loss(float[] p, int po, float[] y, int yo, int c) {
        double pos = 0, neg = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) {
            pos += (double) y[yo + j] * p[po + j];
            neg = Math.max(neg, (1f - y[yo + j]) * p[po + j]);
        }
        return Math.max(neg - pos + 1.0, 0.0);
    }

    @Override
    public void grad(float[] p, int po, float[] y, int yo, int c, float scale, float[] dp, int dpo) {
        float pos = 0, neg = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) {
            pos += y[yo + j] * p[po + j];
            neg = Math.max(neg, (1f - y[yo + j]) * p[po + j]);
        }
        if (!(neg - pos + 1f >= 0f)) return;
        int ties = 0;
        for (int j = 0; j < c; j++) if ((1f - y[yo + j]) * p[po + j] == neg) ties++;
        for (int j = 0; j < c; j++) {
            float t = y[yo + j];
            float dNeg = (1f - t) * p[po + j] == neg ? (1f - t) / ties : 0f;
            dp[dpo + j] += scale * (dNeg - t);
        }
    }
}
