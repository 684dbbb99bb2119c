package io.keras4j.metrics;

/**
 * {@code keras.metrics.TopKCategoricalAccuracy(k=5)}: whether the target class ({@code argmax(y)})
 * is among the k largest predictions. As {@code in_top_k}: the class is in when fewer than k
 * predictions are strictly larger than its own (ties count in); a NaN prediction never is.
 */
public class TopKCategoricalAccuracy extends MeanMetricWrapper {
    private int k = 5;

    public TopKCategoricalAccuracy() {
        super("top_k_categorical_accuracy");
    }

    /** {@code TopKCategoricalAccuracy(k)}. */
    public TopKCategoricalAccuracy(int k) {
        this();
        k(k);
    }

    /** How many of the largest predictions count (default 5). */
    public TopKCategoricalAccuracy k(int k) {
        if (k < 1) throw new IllegalArgumentException(name() + ": k must be >= 1, got " + k);
        this.k = k;
        return this;
    }

    int k() {
        return k;
    }

    @Override
    protected double row(float[] y, int yo, float[] p, int po, int c) {
        return inTopK(p, po, c, CategoricalAccuracy.argmax(y, yo, c), k);
    }

    /** 1 when {@code target} is among the k largest of {@code p[po .. po+c)}, else 0. */
    static double inTopK(float[] p, int po, int c, int target, int k) {
        if (target < 0 || target >= c) return 0;
        float v = p[po + target];
        if (Float.isNaN(v)) return 0;
        int greater = 0;
        for (int j = 0; j < c; j++) if (p[po + j] > v) greater++;
        return greater < k ? 1 : 0;
    }
}
