package io.keras4j.engine.ops;

import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * Keras's {@code Dot(axes=1)} of two {@code (n, d)} tensors: the per-sample dot product
 * {@code (n, 1)}; with {@code normalize} each row is first L2-normalised as
 * {@code x / sqrt(max(sum(x^2), 1e-12))} (Keras's {@code l2_normalize}), giving the cosine.
 * <pre>
 * forward:  y = a . b,   a = x / |x|, b = z / |z|   (a = x, b = z without normalize)
 * backward: dx += dy * (b - y a) / |x|, dz += dy * (a - y b) / |z|   (|x| clamped: dx += dy * b / |x|)
 *           without normalize: dx += dy * z, dz += dy * x
 * </pre>
 */
public final class BatchDotOp extends Op {
    private static final double EPS = 1e-12;
    private final boolean normalize;
    private final int d;

    public BatchDotOp(Tensor x, Tensor z, boolean normalize) {
        super(new int[] {-1, 1}, x, z);
        if (x.rank() != 2 || !java.util.Arrays.equals(x.shape(), z.shape())) {
            throw new IllegalArgumentException("batch dot: needs two (n, d) tensors of one shape, got " + x + " and " + z);
        }
        this.normalize = normalize;
        this.d = x.dim(1);
    }

    private static double sq(float[] a, int o, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) s += (double) a[o + j] * a[o + j];
        return s;
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0], z = in[1];
        for (int r = 0; r < n; r++) {
            int xo = x.off + r * d, zo = z.off + r * d;
            double s = 0;
            for (int j = 0; j < d; j++) s += (double) x.data[xo + j] * z.data[zo + j];
            if (normalize) s /= Math.sqrt(Math.max(sq(x.data, xo, d), EPS)) * Math.sqrt(Math.max(sq(z.data, zo, d), EPS));
            out.data[out.off + r] = (float) s;
        }
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0], z = in[1];
        for (int r = 0; r < n; r++) {
            int xo = x.off + r * d, zo = z.off + r * d;
            double dy = out.grad[out.goff + r];
            if (!normalize) {
                for (int j = 0; j < d; j++) {
                    if (g(x)) x.grad[x.goff + r * d + j] += (float) (dy * z.data[zo + j]);
                    if (g(z)) z.grad[z.goff + r * d + j] += (float) (dy * x.data[xo + j]);
                }
                continue;
            }
            double sx = sq(x.data, xo, d), sz = sq(z.data, zo, d);
            double nx = Math.sqrt(Math.max(sx, EPS)), nz = Math.sqrt(Math.max(sz, EPS));
            double y = 0;
            for (int j = 0; j < d; j++) y += (double) x.data[xo + j] * z.data[zo + j];
            y /= nx * nz;
            for (int j = 0; j < d; j++) {
                double a = x.data[xo + j] / nx, b = z.data[zo + j] / nz;
                if (g(x)) x.grad[x.goff + r * d + j] += (float) (dy * (sx >= EPS ? b - y * a : b) / nx);
                if (g(z)) z.grad[z.goff + r * d + j] += (float) (dy * (sz >= EPS ? a - y * b : a) / nz);
            }
        }
    }
}
