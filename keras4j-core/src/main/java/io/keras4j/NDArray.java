package io.keras4j;

import io.keras4j.engine.Rng;
import java.util.Arrays;

/**
 * A dense, row-major float32 array: the role numpy's {@code ndarray} plays in a Keras notebook.
 *
 * <p>Immutable from the outside: every accessor that returns data returns a copy, so an array
 * handed to {@code fit} or {@code predict} cannot change under the model.
 *
 * <pre>{@code
 * NDArray x = NDArray.randn(10000, 2);   // numpy.random.randn(10000, 2)
 * x.rows(0, 5);                          // x[:5]
 * x.argmax(1);                           // numpy.argmax(x, axis=1)
 * }</pre>
 */
public final class NDArray {
    private final float[] data;
    private final int[] shape;

    private NDArray(float[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    /** An array of the given shape holding a copy of {@code data} (row-major). */
    public static NDArray of(float[] data, int... shape) {
        if (data == null) throw new IllegalArgumentException("data must not be null");
        int[] s = checkShape(shape);
        long size = size(s);
        if (size != data.length) {
            throw new IllegalArgumentException("cannot make an array of shape " + shapeString(s)
                    + " (" + size + " values) from " + data.length + " values");
        }
        return new NDArray(data.clone(), s);
    }

    /** A 2-D array from rows of equal length, like {@code numpy.array([[...], [...]])}. */
    public static NDArray of(float[][] rows) {
        if (rows == null || rows.length == 0) throw new IllegalArgumentException("rows must not be empty");
        int cols = rows[0].length;
        float[] d = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length
                        + " values, row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, d, i * cols, cols);
        }
        return new NDArray(d, new int[] {rows.length, cols});
    }

    /** Standard normal samples, like {@code numpy.random.randn}; seeded by {@code Utils.setRandomSeed}. */
    public static NDArray randn(int... shape) {
        int[] s = checkShape(shape);
        float[] d = new float[checkedSize(s)];
        for (int i = 0; i < d.length; i++) d[i] = (float) Rng.nextGaussian();
        return new NDArray(d, s);
    }

    /** Zeros of the given shape, like {@code numpy.zeros}. */
    public static NDArray zeros(int... shape) {
        int[] s = checkShape(shape);
        return new NDArray(new float[checkedSize(s)], s);
    }

    /** Wraps {@code data} without copying. For the library's own use: the caller gives up the array. */
    static NDArray wrap(float[] data, int... shape) {
        return new NDArray(data, shape.clone());
    }

    /** The shape, as a copy. */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of dimensions ({@code ndim}). */
    public int ndim() {
        return shape.length;
    }

    /** The number of elements ({@code size}). */
    public int size() {
        return data.length;
    }

    /** A row-major copy of the values. */
    public float[] toFloatArray() {
        return data.clone();
    }

    /** The element at a full index, e.g. {@code get(i, j)} for {@code a[i, j]}; negative indices count from the end. */
    public float get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("an index of " + index.length + " values for an array of "
                    + shape.length + " dimensions " + shapeString(shape));
        }
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            int i = index[d] < 0 ? index[d] + shape[d] : index[d];
            if (i < 0 || i >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + index[d] + " is out of bounds for axis " + d
                        + " with size " + shape[d]);
            }
            flat = flat * shape[d] + i;
        }
        return data[flat];
    }

    /** The same values in a new shape; one dimension may be -1 and is inferred, as in numpy. */
    public NDArray reshape(int... newShape) {
        int[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int d = 0; d < s.length; d++) {
            if (s[d] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("can only specify one unknown dimension");
                infer = d;
            } else if (s[d] < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(newShape));
            } else {
                known *= s[d];
            }
        }
        if (infer >= 0) {
            if (known == 0 || data.length % known != 0) {
                throw new IllegalArgumentException("cannot reshape array of size " + data.length
                        + " into shape " + Arrays.toString(newShape));
            }
            s[infer] = (int) (data.length / known);
        }
        if (size(s) != data.length) {
            throw new IllegalArgumentException("cannot reshape array of size " + data.length
                    + " into shape " + shapeString(s));
        }
        return new NDArray(data, s);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) along axis 0: numpy's {@code a[from:to]}. */
    public NDArray rows(int from, int to) {
        if (shape.length == 0) throw new IllegalArgumentException("cannot slice a 0-d array");
        int n = shape[0];
        int a = Math.max(0, Math.min(n, from < 0 ? from + n : from));
        int b = Math.max(a, Math.min(n, to < 0 ? to + n : to));
        int row = n == 0 ? 0 : data.length / n;
        int[] s = shape.clone();
        s[0] = b - a;
        return new NDArray(Arrays.copyOfRange(data, a * row, b * row), s);
    }

    /** Row {@code i} along axis 0, one dimension less: numpy's {@code a[i]}. */
    public NDArray row(int i) {
        int n = shape[0];
        int r = i < 0 ? i + n : i;
        if (r < 0 || r >= n) throw new IndexOutOfBoundsException("index " + i + " is out of bounds for axis 0 with size " + n);
        NDArray sl = rows(r, r + 1);
        return new NDArray(sl.data, Arrays.copyOfRange(shape, 1, shape.length));
    }

    /** Indices of the maximum along {@code axis} (first one on ties), like {@code numpy.argmax(a, axis)}. */
    public NDArray argmax(int axis) {
        int ax = axis < 0 ? axis + shape.length : axis;
        if (ax < 0 || ax >= shape.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of bounds for an array of dimension " + shape.length);
        }
        int outer = 1, inner = 1, len = shape[ax];
        for (int d = 0; d < ax; d++) outer *= shape[d];
        for (int d = ax + 1; d < shape.length; d++) inner *= shape[d];
        float[] out = new float[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * len * inner + in;
                int best = 0;
                float bv = data[base];
                for (int k = 1; k < len; k++) {
                    float v = data[base + k * inner];
                    if (v > bv || (Float.isNaN(v) && !Float.isNaN(bv))) {
                        bv = v;
                        best = k;
                    }
                }
                out[o * inner + in] = best;
            }
        }
        int[] s = new int[shape.length - 1];
        for (int d = 0, j = 0; d < shape.length; d++) if (d != ax) s[j++] = shape[d];
        return new NDArray(out, s);
    }

    /** The mean of all values (computed in double). */
    public double mean() {
        double s = 0;
        for (float v : data) s += v;
        return data.length == 0 ? Double.NaN : s / data.length;
    }

    /** numpy's repr: {@code array([[ 0.5, -1. ], ...], dtype=float32)}. */
    @Override
    public String toString() {
        return NumpyFormat.repr(data, shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NDArray && Arrays.equals(((NDArray) o).shape, shape)
                && Arrays.equals(((NDArray) o).data, data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    /** Python's tuple notation for a shape: {@code (10000, 2)}. */
    public static String shapeString(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(shape[i] < 0 ? "None" : String.valueOf(shape[i]));
        }
        if (shape.length == 1) sb.append(',');
        return sb.append(')').toString();
    }

    private static int[] checkShape(int[] shape) {
        if (shape == null) throw new IllegalArgumentException("shape must not be null");
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimensions are not allowed: " + shapeString(shape));
        }
        return shape.clone();
    }

    private static long size(int[] s) {
        long n = 1;
        for (int d : s) n *= d;
        return n;
    }

    private static int checkedSize(int[] s) {
        long n = size(s);
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("array too large: " + shapeString(s));
        return (int) n;
    }
}
