package io.keras4j.metrics;

/** {@code keras.metrics.CategoricalAccuracy}: {@code argmax(y) == argmax(p)} (first maximum on ties). */
public final class CategoricalAccuracy extends Metric {

    public CategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    protected double row(float[] y, int yo, float[] p, int po, int c) {
        return argmax(y, yo, c) == argmax(p, po, c) ? 1 : 0;
    }

    static int argmax(float[] a, int o, int c) {
        int best = 0;
        for (int j = 1; j < c; j++) if (a[o + j] > a[o + best]) best = j;
        return best;
    }
}
