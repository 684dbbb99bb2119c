package io.keras4j.layers;

/** The four sides of 2-D padding or cropping from Keras's three forms (package-private). */
final class Sides {
    private Sides() {}

    /** 1 value: all sides; (h, w): symmetric; (top, bottom, left, right). Each >= 0. */
    static int[] of(String layer, String arg, int... v) {
        if (v == null || (v.length != 1 && v.length != 2 && v.length != 4)) {
            throw new IllegalArgumentException(layer + ": " + arg + " takes 1 integer, (h, w) or ((top, bottom), (left, right)), got "
                    + (v == null ? "null" : java.util.Arrays.toString(v)));
        }
        int[] s = v.length == 1 ? new int[] {v[0], v[0], v[0], v[0]}
                : v.length == 2 ? new int[] {v[0], v[0], v[1], v[1]} : v.clone();
        for (int x : s) {
            if (x < 0) throw new IllegalArgumentException(layer + ": " + arg + " must be >= 0, got " + java.util.Arrays.toString(v));
        }
        return s;
    }
}
