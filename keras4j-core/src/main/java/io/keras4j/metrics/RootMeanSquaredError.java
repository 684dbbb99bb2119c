package io.keras4j.metrics;

/** {@code keras.metrics.RootMeanSquaredError()}: {@code sqrt(mean((p - y)^2))} over every value seen. */
public class RootMeanSquaredError extends MeanMetricWrapper {

    public RootMeanSquaredError() {
        super("root_mean_squared_error");
    }

    @Override
    protected double row(float[] y, int yo, float[] p, int po, int c) {
        double s = 0;
        for (int j = 0; j < c; j++) {
            double d = p[po + j] - y[yo + j];
            s += d * d;
        }
        return s / c;
    }

    @Override
    public double result() {
        return Math.sqrt(super.result());
    }
}
