package io.keras4j.metrics;

/** {@code keras.metrics.BinaryAccuracy}: mean over the last axis of {@code (p > 0.5) == y}. */
public final class BinaryAccuracy extends MeanMetricWrapper {
    private final float threshold;

    public BinaryAccuracy() {
        this("binary_accuracy");
    }

    public BinaryAccuracy(String name) {
        this(name, 0.5f);
    }

    public BinaryAccuracy(String name, float threshold) {
        super(name);
        this.threshold = threshold;
    }

    @Override
    protected double row(float[] y, int yo, float[] p, int po, int c) {
        int hits = 0;
        for (int j = 0; j < c; j++) if ((p[po + j] > threshold ? 1f : 0f) == y[yo + j]) hits++;
        return (double) hits / c;
    }
}
