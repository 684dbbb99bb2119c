package io.keras4j.losses;

/**
 * {@code keras.losses.LogCosh(reduction="sum_over_batch_size")}.
 * <pre>
 * x = p - y
 * loss = mean_j log(cosh(x_j)) = mean_j x_j + softplus(-2 x_j) - log(2)
 * </pre>
 */
public final class LogCosh extends Loss {
    private static final double LOG2 = Math.log(2);

    public LogCosh() {
        super("log_cosh");
    }

    @Override
    public LogCosh reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    @Override
    public double loss(float[] p, int po, float[] y, int yo, int c) {
        double s = 0;
        for (int j = 0; j < c; j++) {
            double x = p[po + j] - y[yo + j];
            s += x + LossUtil.softplus(-2 * x) - LOG2;
        }
        return s / c;
    }

    @Override
    public void grad(float[] p, int po, float[] y, int yo, int c, float scale, float[] dp, int dpo) {
        float sc = scale / c;
        for (int j = 0; j < c; j++) dp[dpo + j] += sc * (float) Math.tanh(p[po + j] - y[yo + j]);
    }
}
