package io.keras4j.metrics;

/**
 * {@code keras.metrics.MeanAbsolutePercentageError()}:
 * {@code 100 * mean_j |y_j - p_j| / max(|y_j|, 1e-7)}, averaged over the rows.
 */
public class MeanAbsolutePercentageError extends MeanMetricWrapper {

    public MeanAbsolutePercentageError() {
        super("mean_absolute_percentage_error");
    }

    public MeanAbsolutePercentageError(String name) {
        super(name);
    }

    @Override
    protected double row(float[] y, int yo, float[] p, int po, int c) {
        double s = 0;
        for (int j = 0; j < c; j++) {
            float t = y[yo + j];
            s += Math.abs((double) t - p[po + j]) / Math.max(Math.abs(t), 1e-7f);
        }
        return 100.0 * s / c;
    }
}
