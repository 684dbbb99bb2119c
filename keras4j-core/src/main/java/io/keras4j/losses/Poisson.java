package io.keras4j.losses;

/**
 * {@code keras.losses.Poisson(reduction="sum_over_batch_size")}.
 * <pre>
 * loss = mean_j p_j - y_j * log(p_j + 1e-7)
 * </pre>
 */
public final class Poisson extends Loss {

    public Poisson() {
        super("poisson");
    }

    @Override
    public Poisson reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    @Override
    public double loss(float[] p, int po, float[] y, int yo, int c) {
        double s = 0;
        for (int j = 0; j < c; j++) s += p[po + j] - y[yo + j] * Math.log(p[po + j] + EPS);
        return s / c;
    }

    @Override
    public void grad(float[] p, int po, float[] y, int yo, int c, float scale, float[] dp, int dpo) {
        float sc = scale / c;
        for (int j = 0; j < c; j++) dp[dpo + j] += sc * (1f - y[yo + j] / (p[po + j] + EPS));
    }
}
