package io.keras4j.losses;

/**
 * {@code keras.losses.Huber(delta=1.0, reduction="sum_over_batch_size")}.
 * <pre>
 * e = p - y
 * loss = mean_j (|e_j| &lt;= delta ? 0.5 * e_j^2 : delta * |e_j| - 0.5 * delta^2)
 * </pre>
 */
public final class Huber extends Loss {
    private double delta = 1.0;

    public Huber() {
        super("huber_loss");
    }

    /** {@code Huber(delta)}. */
    public Huber(double delta) {
        this();
        delta(delta);
    }

    /** Where the loss turns from quadratic to linear (default 1). */
    public Huber delta(double delta) {
        if (!(delta >= 0)) throw new IllegalArgumentException("huber_loss: delta must be >= 0, got " + delta);
        this.delta = delta;
        return this;
    }

    @Override
    public Huber reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    @Override
    public double loss(float[] p, int po, float[] y, int yo, int c) {
        double s = 0;
        for (int j = 0; j < c; j++) {
            double e = p[po + j] - y[yo + j], a = Math.abs(e);
            s += a <= delta ? 0.5 * e * e : delta * a - 0.5 * delta * delta;
        }
        return s / c;
    }

    @Override
    public void grad(float[] p, int po, float[] y, int yo, int c, float scale, float[] dp, int dpo) {
        float sc = scale / c, d = (float) delta;
        for (int j = 0; j < c; j++) {
            float e = p[po + j] - y[yo + j];
            dp[dpo + j] += sc * (Math.abs(e) <= d ? e : d * Math.signum(e));
        }
    }
}
