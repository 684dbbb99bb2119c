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
        if (c == 2) return a[o + 1] > a[o] ? 1 : 0; // two classes written out: a loop of one step costs more than its body
        int best = 0;
        float max = a[o];
        for (int j = 1; j < c; j++) { // selects, not branches: which class wins is data
            float v = a[o + j];
            best = v > max ? j : best;
            max = v > max ? v : max;
        }
        return best;
    }
}
