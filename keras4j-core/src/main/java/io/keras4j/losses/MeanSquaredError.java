package io.keras4j.losses;

/** {@code keras.losses.MeanSquaredError}: {@code loss = mean_j (p_j - y_j)^2}. */
public final class MeanSquaredError extends Loss {

    public MeanSquaredError() {
        super("mean_squared_error");
    }

    @Override
    public MeanSquaredError reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    @Override
    public double loss(float[] p, int po, float[] y, int yo, int c) {
        double s = 0;
        for (int j = 0; j < c; j++) {
            double d = p[po + j] - y[yo + j];
            s += d * d;
        }
        return s / c;
    }

    @Override
    public void grad(float[] p, int po, float[] y, int yo, int c, float scale, float[] dp, int dpo) {
        float sc = 2f * scale / c;
        for (int j = 0; j < c; j++) dp[dpo + j] += sc * (p[po + j] - y[yo + j]);
    }
}
