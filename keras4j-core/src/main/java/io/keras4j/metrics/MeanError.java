package io.keras4j.metrics;

/** {@code keras.metrics.MeanAbsoluteError} / {@code MeanSquaredError}: mean over the last axis of |p - y| or (p - y)^2. */
public final class MeanError extends MeanMetricWrapper {
    private final boolean squared;

    public MeanError(String name, boolean squared) {
        super(name);
        this.squared = squared;
    }

    @Override
    protected double row(float[] y, int yo, float[] p, int po, int c) {
        double s = 0;
        for (int j = 0; j < c; j++) {
            double d = p[po + j] - y[yo + j];
            s += squared ? d * d : Math.abs(d);
        }
        return s / c;
    }
}
