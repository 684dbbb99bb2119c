package io.keras4j.layers;

import io.keras4j.NDArray;

/**
 * A bound on the weights layers may allocate while a model is built from a file: loading a file
 * must never allocate more than the file could hold, so a config that declares
 * {@code Dense(units=2000000000)} next to a small weights file is refused before its kernel is
 * allocated. {@link Layer#addWeight} charges every weight here; outside a {@link #limit} scope
 * there is no bound. Per thread.
 */
public final class WeightBudget implements AutoCloseable {
    private static final ThreadLocal<long[]> LEFT = new ThreadLocal<>();
    private final long[] previous;

    private WeightBudget(long bytes) {
        previous = LEFT.get();
        LEFT.set(new long[] {bytes});
    }

    /** Bounds the weights built on this thread to {@code bytes} (4 per float) until closed. */
    public static WeightBudget limit(long bytes) {
        return new WeightBudget(bytes);
    }

    @Override
    public void close() {
        if (previous == null) LEFT.remove();
        else LEFT.set(previous);
    }

    static void charge(Layer layer, String weight, int[] shape) {
        long[] left = LEFT.get();
        if (left == null) return;
        long n = 4;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException(layer.describe() + ": weight '" + weight + "' has a negative dimension");
            n = d == 0 ? 0 : (n > Long.MAX_VALUE / d ? Long.MAX_VALUE : n * d);
        }
        if (n > left[0]) {
            throw new IllegalArgumentException(layer.describe() + ": weight '" + weight + "' of shape " + NDArray.shapeString(shape)
                    + " needs " + n + " bytes, more than the file holds (" + left[0] + " bytes left)");
        }
        left[0] -= n;
    }
}
