package io.keras4j.metrics;

import io.keras4j.engine.FastMath;

/** {@code keras.metrics.CategoricalAccuracy}: {@code argmax(y) == argmax(p)} (first maximum on ties). */
public final class CategoricalAccuracy extends MeanMetricWrapper {

    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    public CategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    protected double row(float[] y, int yo, float[] p, int po, int c) {
        // two classes: indices 0 or 1, equal exactly when their xor is 0 (no branch on data)
        if (c == 2) return 1 - (argmax(y, yo, 2) ^ argmax(p, po, 2));
        return argmax(y, yo, c) == argmax(p, po, c) ? 1 : 0;
    }

    static int argmax(float[] a, int o, int c) {
        // two classes written out (a loop of one step costs more than its body), and without a
        // branch on the values: which class wins is data (see FastMath.greater)
        if (c == 2) return FastMath.greater(a[o + 1], a[o]);
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
