package io.keras4j.engine.ops;

import io.keras4j.NDArray;
import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * Moves values within each sample by a fixed index map: the data movement of transposes,
 * zero padding, cropping and nearest-neighbour upsampling (the factories below make the maps).
 * <pre>
 * forward:  y[s, i] = map[i] &lt; 0 ? 0 : x[s, map[i]]
 * backward: dx[s, map[i]] += dy[s, i]   (for map[i] &gt;= 0)
 * </pre>
 * The map (one int per output value of a sample) is made once, with the op.
 */
public final class Gather extends Op {
    private final int[] map;

    private Gather(Tensor x, int[] outFeatures, int[] map) {
        super(withBatch(outFeatures), x);
        this.map = map;
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0];
        int inRow = x.rowSize(), outRow = map.length;
        for (int s = 0; s < n; s++) {
            int xo = x.off + s * inRow, yo = out.off + s * outRow;
            for (int i = 0; i < outRow; i++) {
                int m = map[i];
                out.data[yo + i] = m < 0 ? 0f : x.data[xo + m];
            }
        }
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0];
        if (!g(x)) return;
        int inRow = x.rowSize(), outRow = map.length;
        for (int s = 0; s < n; s++) {
            int xo = x.goff + s * inRow, yo = out.goff + s * outRow;
            for (int i = 0; i < outRow; i++) {
                int m = map[i];
                if (m >= 0) x.grad[xo + m] += out.grad[yo + i];
            }
        }
    }

    /** Axes permuted: output axis d is input feature axis {@code perm[d]} (0-based, batch excluded). */
    public static Tensor transpose(Tensor x, int... perm) {
        int[] s = features(x);
        if (perm.length != s.length) throw bad("transpose", x, "permutation of " + perm.length + " axes");
        boolean[] seen = new boolean[s.length];
        int[] o = new int[s.length];
        for (int d = 0; d < s.length; d++) {
            if (perm[d] < 0 || perm[d] >= s.length || seen[perm[d]]) throw bad("transpose", x, "permutation " + java.util.Arrays.toString(perm));
            seen[perm[d]] = true;
            o[d] = s[perm[d]];
        }
        int[] inStride = strides(s);
        int[] map = new int[size(o)];
        int[] idx = new int[o.length];
        for (int i = 0; i < map.length; i++) {
            int src = 0;
            for (int d = 0; d < o.length; d++) src += idx[d] * inStride[perm[d]];
            map[i] = src;
            next(idx, o);
        }
        return new Gather(x, o, map).output();
    }

    /** Zeros added before and after each feature axis ({@code before[d]}, {@code after[d]} >= 0). */
    public static Tensor pad(Tensor x, int[] before, int[] after) {
        int[] s = features(x);
        if (before.length != s.length || after.length != s.length) throw bad("pad", x, "padding of " + before.length + " axes");
        int[] o = new int[s.length];
        for (int d = 0; d < s.length; d++) {
            if (before[d] < 0 || after[d] < 0) throw bad("pad", x, "non-negative padding");
            o[d] = s[d] + before[d] + after[d];
        }
        int[] inStride = strides(s);
        int[] map = new int[size(o)];
        int[] idx = new int[o.length];
        for (int i = 0; i < map.length; i++) {
            int src = 0;
            for (int d = 0; d < o.length && src >= 0; d++) {
                int k = idx[d] - before[d];
                src = k < 0 || k >= s[d] ? -1 : src + k * inStride[d];
            }
            map[i] = src;
            next(idx, o);
        }
        return new Gather(x, o, map).output();
    }

    /** Values cut from the start and the end of each feature axis; something must remain. */
    public static Tensor crop(Tensor x, int[] before, int[] after) {
        int[] s = features(x);
        if (before.length != s.length || after.length != s.length) throw bad("crop", x, "cropping of " + before.length + " axes");
        int[] o = new int[s.length];
        for (int d = 0; d < s.length; d++) {
            o[d] = s[d] - before[d] - after[d];
            if (before[d] < 0 || after[d] < 0 || o[d] < 1) throw bad("crop", x, "cropping that leaves values");
        }
        int[] inStride = strides(s);
        int[] map = new int[size(o)];
        int[] idx = new int[o.length];
        for (int i = 0; i < map.length; i++) {
            int src = 0;
            for (int d = 0; d < o.length; d++) src += (idx[d] + before[d]) * inStride[d];
            map[i] = src;
            next(idx, o);
        }
        return new Gather(x, o, map).output();
    }

    /** Each value repeated {@code factors[d]} times along feature axis d (nearest-neighbour upsampling). */
    public static Tensor repeat(Tensor x, int... factors) {
        int[] s = features(x);
        if (factors.length != s.length) throw bad("repeat", x, "factors for " + factors.length + " axes");
        int[] o = new int[s.length];
        for (int d = 0; d < s.length; d++) {
            if (factors[d] < 1) throw bad("repeat", x, "positive factors");
            o[d] = s[d] * factors[d];
        }
        int[] inStride = strides(s);
        int[] map = new int[size(o)];
        int[] idx = new int[o.length];
        for (int i = 0; i < map.length; i++) {
            int src = 0;
            for (int d = 0; d < o.length; d++) src += idx[d] / factors[d] * inStride[d];
            map[i] = src;
            next(idx, o);
        }
        return new Gather(x, o, map).output();
    }

    private static int[] features(Tensor x) {
        if (!x.batched()) throw new IllegalArgumentException("gather: " + NDArray.shapeString(x.shape()) + " is not a batch");
        int[] s = x.shape();
        return java.util.Arrays.copyOfRange(s, 1, s.length);
    }

    private static IllegalArgumentException bad(String op, Tensor x, String want) {
        return new IllegalArgumentException(op + ": input " + NDArray.shapeString(x.shape()) + " needs a " + want);
    }

    /** Row-major strides of a shape. */
    private static int[] strides(int[] s) {
        int[] st = new int[s.length];
        int k = 1;
        for (int d = s.length - 1; d >= 0; d--) {
            st[d] = k;
            k *= s[d];
        }
        return st;
    }

    private static int size(int[] s) {
        int k = 1;
        for (int d : s) k *= d;
        return k;
    }

    /** Advances a row-major multi-index within {@code shape}. */
    private static void next(int[] idx, int[] shape) {
        for (int d = idx.length - 1; d >= 0; d--) {
            if (++idx[d] < shape[d]) return;
            idx[d] = 0;
        }
    }

    private static int[] withBatch(int[] f) {
        int[] s = new int[f.length + 1];
        s[0] = -1;
        System.arraycopy(f, 0, s, 1, f.length);
        return s;
    }
}
