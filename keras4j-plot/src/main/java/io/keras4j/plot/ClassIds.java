package io.keras4j.plot;

import io.keras4j.NDArray;

/** Turns the labels a notebook has at hand into one class id per row. */
final class ClassIds {
    private ClassIds() {}

    /**
     * One class id per row of {@code labels}:
     * <ul>
     *   <li>{@code (n,)} or {@code (n, 1)} of whole numbers {@code >= 0}: the ids themselves;</li>
     *   <li>{@code (n, 1)} with a fraction anywhere: sigmoid probabilities, class {@code p > 0.5};</li>
     *   <li>{@code (n, k)}, {@code k >= 2}: one-hot rows or predicted probabilities, class = argmax.</li>
     * </ul>
     *
     * @param rows the number of points the labels must match
     * @param pointsShape the points' shape, for the error message
     */
    static int[] of(NDArray labels, int rows, int[] pointsShape) {
        if (labels == null) throw new IllegalArgumentException("scatterByClass: labels must not be null");
        int[] ls = labels.shape();
        if (ls.length == 0 || ls.length > 2 || ls[0] != rows) {
            throw new IllegalArgumentException("scatterByClass: labels of shape " + NDArray.shapeString(ls)
                    + " do not match points of shape " + NDArray.shapeString(pointsShape)
                    + " (expected (" + rows + ",) class ids or (" + rows + ", k) one-hot rows)");
        }
        if (ls.length == 2 && ls[1] > 1) return toInts(labels.argmax(1).toFloatArray());
        if (ls.length == 2 && ls[1] == 0) {
            throw new IllegalArgumentException("scatterByClass: labels of shape " + NDArray.shapeString(ls) + " hold no classes");
        }
        float[] v = labels.toFloatArray();
        boolean whole = true;
        for (int i = 0; i < v.length; i++) {
            if (Float.isNaN(v[i]) || v[i] < 0 || v[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("scatterByClass: label " + v[i] + " at row " + i
                        + " is not a class id (a whole number >= 0) nor a probability");
            }
            whole &= v[i] == Math.rint(v[i]);
        }
        if (whole) return toInts(v);
        if (ls.length == 1) {
            throw new IllegalArgumentException("scatterByClass: labels of shape " + NDArray.shapeString(ls)
                    + " must be whole class ids; give sigmoid probabilities as shape (" + rows + ", 1)");
        }
        int[] ids = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] > 1) {
                throw new IllegalArgumentException("scatterByClass: label " + v[i] + " at row " + i
                        + " is neither a whole class id nor a probability in [0, 1]");
            }
            ids[i] = v[i] > 0.5f ? 1 : 0;
        }
        return ids;
    }

    private static int[] toInts(float[] v) {
        int[] ids = new int[v.length];
        for (int i = 0; i < v.length; i++) ids[i] = (int) v[i];
        return ids;
    }
}
