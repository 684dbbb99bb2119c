package io.keras4j.losses;

/**
 * {@code keras.losses.SparseCategoricalCrossentropy}: targets are class ids (shape {@code (n,)}
 * or {@code (n, 1)}), otherwise exactly {@link CategoricalCrossentropy} with the one-hot target.
 */
public final class SparseCategoricalCrossentropy extends CategoricalCrossentropy {

    public SparseCategoricalCrossentropy() {
        this(false);
    }

    public SparseCategoricalCrossentropy(boolean fromLogits) {
        super("sparse_categorical_crossentropy", fromLogits);
    }

    /** Keras's sparse cross-entropy has no label smoothing: smooth one-hot targets with categorical_crossentropy. */
    @Override
    public SparseCategoricalCrossentropy labelSmoothing(double labelSmoothing) {
        throw new IllegalArgumentException("sparse_categorical_crossentropy has no label_smoothing in Keras;"
                + " use categorical_crossentropy with one-hot targets");
    }

    @Override
    public SparseCategoricalCrossentropy fromLogits(boolean fromLogits) {
        super.fromLogits(fromLogits);
        return this;
    }

    @Override
    public SparseCategoricalCrossentropy reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    @Override
    float rawTarget(float[] y, int yo, int j) {
        return y[yo] == j ? 1f : 0f;
    }

    @Override
    public int targetWidth(int c) {
        return 1;
    }

    @Override
    public void validateTargets(float[] y, int c) {
        for (int i = 0; i < y.length; i++) {
            float v = y[i];
            if (!(v >= 0 && v < c && v == Math.rint(v))) {
                throw new IllegalArgumentException(name() + ": label " + v + " at index " + i
                        + " is not a class id in [0, " + c + ")");
            }
        }
    }
}
