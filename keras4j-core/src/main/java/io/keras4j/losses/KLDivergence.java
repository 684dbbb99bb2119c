package io.keras4j.losses;

/**
 * {@code keras.losses.KLDivergence(reduction="sum_over_batch_size")}.
 * <pre>
 * y = clip(y, 1e-7, 1);  q = clip(p, 1e-7, 1)
 * loss = sum_j y_j * log(y_j / q_j)
 * </pre>
 */
public final class KLDivergence extends Loss {

    public KLDivergence() {
        super("kl_divergence");
    }

    @Override
    public KLDivergence reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    private static float clip1(float v) {
        return Math.min(Math.max(v, EPS), 1f);
    }

    @Override
    public double loss(float[] p, int po, float[] y, int yo, int c) {
        double s = 0;
        for (int j = 0; j < c; j++) {
            float t = clip1(y[yo + j]), q = clip1(p[po + j]);
            s += t * Math.log((double) t / q);
        }
        return s;
    }

    @Override
    public void grad(float[] p, int po, float[] y, int yo, int c, float scale, float[] dp, int dpo) {
        for (int j = 0; j < c; j++) {
            float v = p[po + j];
            if (v >= EPS && v <= 1f) dp[dpo + j] += scale * (-clip1(y[yo + j]) / v);
        }
    }
}
