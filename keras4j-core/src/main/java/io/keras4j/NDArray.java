package io.keras4j;

import io.keras4j.engine.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * x.div(255);                            // x / 255
 * x.sub(x.mean(0)).div(x.std(0));        // (x - x.mean(axis=0)) / x.std(axis=0), broadcast as numpy
 * NDArray.concatenate(List.of(a, b), 1); // numpy.concatenate((a, b), axis=1)
 * x.slice(1, 0, 2);                      // x[:, 0:2]
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

    /** An array of the given shape from ints (numpy's {@code array(..., dtype=float32)}), row-major. */
    public static NDArray of(int[] data, int... shape) {
        if (data == null) throw new IllegalArgumentException("data must not be null");
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) f[i] = data[i];
        return of(f, shape);
    }

    /** An array of the given shape from doubles, each rounded to float32 (numpy's {@code astype(float32)}). */
    public static NDArray of(double[] data, int... shape) {
        if (data == null) throw new IllegalArgumentException("data must not be null");
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) data[i];
        return of(f, shape);
    }

    /** A 2-D array from rows of doubles of equal length, rounded to float32. */
    public static NDArray of(double[][] rows) {
        if (rows == null || rows.length == 0) throw new IllegalArgumentException("rows must not be empty");
        float[][] f = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            f[i] = new float[rows[i].length];
            for (int j = 0; j < f[i].length; j++) f[i][j] = (float) rows[i][j];
        }
        return of(f);
    }

    /** A 2-D array from rows of ints of equal length. */
    public static NDArray of(int[][] rows) {
        if (rows == null || rows.length == 0) throw new IllegalArgumentException("rows must not be empty");
        float[][] f = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            f[i] = new float[rows[i].length];
            for (int j = 0; j < f[i].length; j++) f[i][j] = rows[i][j];
        }
        return of(f);
    }

    /** The values as doubles, row-major. */
    public double[] toDoubleArray() {
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) d[i] = data[i];
        return d;
    }

    /** The values cast to int (truncated toward zero, as numpy's {@code astype(int)}), row-major. */
    public int[] toIntArray() {
        int[] d = new int[data.length];
        for (int i = 0; i < d.length; i++) d[i] = (int) data[i];
        return d;
    }

    // ---- element-wise arithmetic, with numpy's broadcasting ----

    private interface FloatOp {
        float apply(float a, float b);
    }

    /** {@code this + other}, broadcast as numpy. */
    public NDArray add(NDArray other) {
        return broadcast(other, (a, b) -> a + b, "add");
    }

    /** {@code this - other}, broadcast as numpy. */
    public NDArray sub(NDArray other) {
        return broadcast(other, (a, b) -> a - b, "sub");
    }

    /** {@code this * other} element-wise, broadcast as numpy. */
    public NDArray mul(NDArray other) {
        return broadcast(other, (a, b) -> a * b, "mul");
    }

    /** {@code this / other} element-wise, broadcast as numpy. */
    public NDArray div(NDArray other) {
        return broadcast(other, (a, b) -> a / b, "div");
    }

    /** {@code this + s} (the scalar taken as float32, as numpy does with a Python number). */
    public NDArray add(double s) {
        return scalar((float) s, (a, b) -> a + b);
    }

    /** {@code this - s}. */
    public NDArray sub(double s) {
        return scalar((float) s, (a, b) -> a - b);
    }

    /** {@code this * s}. */
    public NDArray mul(double s) {
        return scalar((float) s, (a, b) -> a * b);
    }

    /** {@code this / s}, e.g. {@code x.div(255)} to scale pixels. */
    public NDArray div(double s) {
        return scalar((float) s, (a, b) -> a / b);
    }

    private NDArray scalar(float s, FloatOp op) {
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) out[i] = op.apply(data[i], s);
        return new NDArray(out, shape.clone());
    }

    private NDArray broadcast(NDArray o, FloatOp op, String what) {
        if (o == null) throw new IllegalArgumentException(what + ": the other array must not be null");
        int rank = Math.max(shape.length, o.shape.length);
        int[] out = new int[rank], sa = new int[rank], sb = new int[rank];
        int[] a = padded(shape, rank), b = padded(o.shape, rank);
        for (int d = 0; d < rank; d++) {
            if (a[d] != b[d] && a[d] != 1 && b[d] != 1) {
                throw new IllegalArgumentException(what + ": operands could not be broadcast together with shapes "
                        + shapeString(shape) + " " + shapeString(o.shape));
            }
            out[d] = a[d] == 1 ? b[d] : a[d];
        }
        for (int d = rank - 1, ta = 1, tb = 1; d >= 0; d--) {
            sa[d] = a[d] == 1 ? 0 : ta;
            sb[d] = b[d] == 1 ? 0 : tb;
            ta *= a[d];
            tb *= b[d];
        }
        float[] r = new float[checkedSize(out)];
        int[] idx = new int[rank];
        int ia = 0, ib = 0;
        for (int i = 0; i < r.length; i++) {
            r[i] = op.apply(data[ia], o.data[ib]);
            for (int d = rank - 1; d >= 0; d--) { // odometer: next index, moving both operands' offsets
                ia += sa[d];
                ib += sb[d];
                if (++idx[d] < out[d]) break;
                ia -= sa[d] * out[d];
                ib -= sb[d] * out[d];
                idx[d] = 0;
            }
        }
        return new NDArray(r, out);
    }

    private static int[] padded(int[] s, int rank) {
        int[] p = new int[rank];
        Arrays.fill(p, 1);
        System.arraycopy(s, 0, p, rank - s.length, s.length);
        return p;
    }

    // ---- reductions along an axis ----

    private int axis(int axis) {
        int ax = axis < 0 ? axis + shape.length : axis;
        if (ax < 0 || ax >= shape.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of bounds for an array of dimension " + shape.length);
        }
        return ax;
    }

    private int[] without(int ax) {
        int[] s = new int[shape.length - 1];
        for (int d = 0, j = 0; d < shape.length; d++) if (d != ax) s[j++] = shape[d];
        return s;
    }

    /** The sum along {@code axis} (in double, stored as float32): numpy's {@code sum(axis)}. */
    public NDArray sum(int axis) {
        return reduce(axis, false, false);
    }

    /** The mean along {@code axis}: numpy's {@code mean(axis)}. */
    public NDArray mean(int axis) {
        return reduce(axis, true, false);
    }

    /** The population standard deviation along {@code axis} (numpy's {@code std(axis)}, ddof 0). */
    public NDArray std(int axis) {
        return reduce(axis, true, true);
    }

    /** The population standard deviation of all values (numpy's {@code std()}). */
    public double std() {
        double m = mean(), s = 0;
        for (float v : data) s += (v - m) * (v - m);
        return data.length == 0 ? Double.NaN : Math.sqrt(s / data.length);
    }

    private NDArray reduce(int axis, boolean mean, boolean std) {
        int ax = axis(axis);
        int outer = 1, inner = 1, len = shape[ax];
        for (int d = 0; d < ax; d++) outer *= shape[d];
        for (int d = ax + 1; d < shape.length; d++) inner *= shape[d];
        float[] out = new float[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * len * inner + in;
                double s = 0;
                for (int k = 0; k < len; k++) s += data[base + k * inner];
                double m = s / len;
                if (std) {
                    double q = 0;
                    for (int k = 0; k < len; k++) q += (data[base + k * inner] - m) * (data[base + k * inner] - m);
                    out[o * inner + in] = (float) Math.sqrt(q / len);
                } else {
                    out[o * inner + in] = (float) (mean ? m : s);
                }
            }
        }
        return new NDArray(out, without(ax));
    }

    // ---- slicing, joining, splitting ----

    /** {@code a[..., from:to, ...]} on {@code axis}, with numpy's negative indices and clamping. */
    public NDArray slice(int axis, int from, int to) {
        int ax = axis(axis), n = shape[ax];
        int a = Math.max(0, Math.min(n, from < 0 ? from + n : from));
        int b = Math.max(a, Math.min(n, to < 0 ? to + n : to));
        int outer = 1, inner = 1;
        for (int d = 0; d < ax; d++) outer *= shape[d];
        for (int d = ax + 1; d < shape.length; d++) inner *= shape[d];
        int[] s = shape.clone();
        s[ax] = b - a;
        float[] out = new float[outer * (b - a) * inner];
        for (int o = 0; o < outer; o++) {
            System.arraycopy(data, (o * n + a) * inner, out, o * (b - a) * inner, (b - a) * inner);
        }
        return new NDArray(out, s);
    }

    /** numpy's {@code concatenate(arrays, axis)}: every other dimension must agree. */
    public static NDArray concatenate(List<NDArray> arrays, int axis) {
        if (arrays == null || arrays.isEmpty()) throw new IllegalArgumentException("concatenate: need at least one array");
        NDArray first = arrays.get(0);
        int ax = first.axis(axis);
        int total = 0;
        for (NDArray x : arrays) {
            boolean same = x.shape.length == first.shape.length;
            for (int d = 0; same && d < first.shape.length; d++) same = d == ax || x.shape[d] == first.shape[d];
            if (!same) {
                throw new IllegalArgumentException("concatenate: all the input array dimensions except for the concatenation axis "
                        + axis + " must match exactly, got shapes " + shapeString(first.shape) + " and " + shapeString(x.shape));
            }
            total += x.shape[ax];
        }
        int outer = 1, inner = 1;
        for (int d = 0; d < ax; d++) outer *= first.shape[d];
        for (int d = ax + 1; d < first.shape.length; d++) inner *= first.shape[d];
        int[] s = first.shape.clone();
        s[ax] = total;
        float[] out = new float[checkedSize(s)];
        for (int o = 0, pos = 0; o < outer; o++) {
            for (NDArray x : arrays) {
                int chunk = x.shape[ax] * inner;
                System.arraycopy(x.data, o * chunk, out, pos, chunk);
                pos += chunk;
            }
        }
        return new NDArray(out, s);
    }

    /** numpy's {@code concatenate(arrays)} along axis 0 (stacking rows). */
    public static NDArray concatenate(NDArray... arrays) {
        return concatenate(Arrays.asList(arrays), 0);
    }

    /** numpy's {@code split(a, sections, axis)}: {@code sections} equal parts, which must divide the axis. */
    public List<NDArray> split(int sections, int axis) {
        int ax = axis(axis);
        if (sections < 1 || shape[ax] % sections != 0) {
            throw new IllegalArgumentException("split: array split does not result in an equal division: " + shape[ax]
                    + " along axis " + axis + " into " + sections);
        }
        int step = shape[ax] / sections;
        int[] at = new int[sections - 1];
        for (int i = 0; i < at.length; i++) at[i] = (i + 1) * step;
        return split(at, axis);
    }

    /** numpy's {@code split(a, indices, axis)}: the parts {@code [:i0], [i0:i1], ..., [ik:]} along {@code axis}. */
    public List<NDArray> split(int[] indices, int axis) {
        int ax = axis(axis);
        List<NDArray> out = new ArrayList<>();
        int from = 0;
        for (int i : indices) {
            out.add(slice(ax, from, i));
            from = i;
        }
        out.add(slice(ax, from, shape[ax]));
        return out;
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
