package io.keras4j.losses;

import io.keras4j.engine.ops.RowLoss;

/**
 * {@code keras.losses.Loss}: a per-sample formula over the last axis and its gradient, reduced by
 * the mean over the batch ({@code sum_over_batch_size}). Each subclass states its formula.
 */
public abstract class Loss implements RowLoss {
    /** Keras's {@code epsilon()}: probabilities are clipped to {@code [EPS, 1 - EPS]}. */
    protected static final float EPS = 1e-7f;
    protected static final float ONE_MINUS_EPS = (float) (1.0 - 1e-7);

    private final String name;

    protected Loss(String name) {
        this.name = name;
    }

    /** The Keras name, e.g. {@code "binary_crossentropy"}. */
    public String name() {
        return name;
    }

    /**
     * Checks targets before training: finite, and in range where the loss needs it (class ids).
     * Throws IllegalArgumentException naming the bad value.
     */
    public void validateTargets(float[] y, int predictionWidth) {
        for (int i = 0; i < y.length; i++) {
            if (!Float.isFinite(y[i])) {
                throw new IllegalArgumentException(name + ": target value " + y[i] + " at flat index " + i + " is not finite");
            }
        }
    }

    protected static float clip(float p) {
        return Math.min(Math.max(p, EPS), ONE_MINUS_EPS); // branch-free (minss/maxss)
    }

    /** The clip's derivative: 1 inside {@code [EPS, 1-EPS]} (bounds included), else 0. */
    protected static boolean inside(float p) {
        return p >= EPS && p <= ONE_MINUS_EPS;
    }

    @Override
    public String toString() {
        return name;
    }
}
