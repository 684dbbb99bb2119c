package io.keras4j.metrics;

/** {@code keras.metrics.SparseCategoricalAccuracy}: {@code y == argmax(p)} with class-id targets. */
public final class SparseCategoricalAccuracy extends MeanMetricWrapper {

    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    public SparseCategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    public int targetWidth(int c) {
        return 1;
    }

    @Override
    protected double row(float[] y, int yo, float[] p, int po, int c) {
        return y[yo] == CategoricalAccuracy.argmax(p, po, c) ? 1 : 0;
    }
}
