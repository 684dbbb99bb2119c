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

    @Override
    float target(float[] y, int yo, int j) {
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
