package io.keras4j.engine.ops;

/** Index maps for a small shape broadcast over a larger one (per-sample shapes, without the batch). */
public final class Broadcast {
    private Broadcast() {}

    /**
     * For each element of a row of shape {@code full} (row-major), the index of the element of
     * {@code small} it reads: {@code small} has the same rank, each dimension equal to
     * {@code full}'s or 1.
     */
    public static int[] rowIndex(int[] full, int[] small) {
        if (full.length != small.length) throw new IllegalArgumentException("broadcast: ranks differ");
        int size = 1;
        for (int d = 0; d < full.length; d++) {
            if (small[d] != full[d] && small[d] != 1) {
                throw new IllegalArgumentException("broadcast: dimension " + d + " of size " + small[d] + " cannot broadcast to " + full[d]);
            }
            size *= full[d];
        }
        int[] map = new int[size];
        for (int i = 0; i < size; i++) {
            int rest = i, idx = 0, stride = 1;
            for (int d = full.length - 1; d >= 0; d--) {
                int c = rest % full[d];
                rest /= full[d];
                if (small[d] != 1) idx += c * stride;
                stride *= small[d];
            }
            map[i] = idx;
        }
        return map;
    }
}
