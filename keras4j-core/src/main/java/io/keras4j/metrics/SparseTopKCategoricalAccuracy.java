package io.keras4j.metrics;

/**
 * {@code keras.metrics.SparseTopKCategoricalAccuracy(k=5)}: {@link TopKCategoricalAccuracy} with
 * class-id targets (shape {@code (n,)} or {@code (n, 1)}).
 */
public class SparseTopKCategoricalAccuracy extends MeanMetricWrapper {
    private int k = 5;

    public SparseTopKCategoricalAccuracy() {
        super("sparse_top_k_categorical_accuracy");
    }

    /** {@code SparseTopKCategoricalAccuracy(k)}. */
    public SparseTopKCategoricalAccuracy(int k) {
        this();
        k(k);
    }

    /** How many of the largest predictions count (default 5). */
    public SparseTopKCategoricalAccuracy k(int k) {
        if (k < 1) throw new IllegalArgumentException(name() + ": k must be >= 1, got " + k);
        this.k = k;
        return this;
    }

    @Override
    public int targetWidth(int c) {
        return 1;
    }

    @Override
    protected double row(float[] y, int yo, float[] p, int po, int c) {
        float t = y[yo];
        return t == Math.rint(t) ? TopKCategoricalAccuracy.inTopK(p, po, c, (int) t, k) : 0;
    }
}
