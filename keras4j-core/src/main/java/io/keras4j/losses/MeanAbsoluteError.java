package io.keras4j.losses;

/** {@code keras.losses.MeanAbsoluteError}: {@code loss = mean_j |p_j - y_j|} (derivative 0 at p = y). */
public final class MeanAbsoluteError extends Loss {

    public MeanAbsoluteError() {
        super("mean_absolute_error");
    }

    @Override
    public MeanAbsoluteError reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    @Override
    public double loss(float[] p, int po, float[] y, int yo, int c) {
        double s = 0;
        for (int j = 0; j < c; j++) s += Math.abs(p[po + j] - y[yo + j]);
        return s / c;
    }

    @Override
    public void grad(float[] p, int po, float[] y, int yo, int c, float scale, float[] dp, int dpo) {
        float sc = scale / c;
        for (int j = 0; j < c; j++) dp[dpo + j] += sc * Math.signum(p[po + j] - y[yo + j]);
    }
}
