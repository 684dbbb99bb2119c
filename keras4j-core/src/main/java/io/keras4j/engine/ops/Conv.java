package io.keras4j.engine.ops;

import io.keras4j.NDArray;
import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.kernels.ConvShape;

/**
 * A 2-D (or, with {@code h = kh = 1}, 1-D) convolution over channels-last inputs, with the bias
 * and a ReLU fused into its GEMM: im2col, then one SGEMM per group.
 * <pre>
 * x (N, h, w, c)  or (N, w, c)        kernel (kh, kw, c/groups, F)  or (kw, c/groups, F)
 * forward:  cols_g (N*oh*ow, kh*kw*cg) = im2col(x, group g)
 *           y[:, g*Fg:(g+1)*Fg] = act(cols_g @ kernel[..., g*Fg:(g+1)*Fg] + b)           Fg = F/groups
 * backward: dz = dy * act'(y)  (in place in dy: this op is its only reader)
 *           db += sum over rows of dz;  dkernel_g += cols_g^T @ dz_g;  dx += col2im(dz_g @ kernel_g^T)
 * </pre>
 * The columns are kept from forward for the kernel's gradient; their buffer then takes
 * {@code dz @ kernel^T}. A 1x1 convolution with stride 1 and one group reads x as its columns.
 * Buffers grow to the largest batch seen and are then reused: a training step allocates nothing.
 */
public final class Conv extends Op {
    private final ConvShape s;
    private final int filters;
    private final boolean relu, pointwise;
    private float[] cols = new float[0];
    /** For groups > 1: one group's weights, outputs (or their gradients), and weight gradient, packed dense. */
    private float[] wg = new float[0], yg = new float[0], dwg = new float[0];

    /** @param b the bias (F), or null */
    public Conv(Tensor x, Tensor kernel, Tensor b, ConvShape s, boolean relu) {
        this(x, kernel, b, s, kernel.dim(-1), relu);
    }

    /**
     * With the kernel read as {@code (kh, kw, c/groups, filters)} whatever its own shape (a
     * depthwise kernel {@code (kh, kw, c, multiplier)} is the grouped kernel
     * {@code (kh, kw, 1, c * multiplier)}, value for value).
     */
    public Conv(Tensor x, Tensor kernel, Tensor b, ConvShape s, int filters, boolean relu) {
        super(outShape(x, kernel, b, s, filters), b == null ? new Tensor[] {x, kernel} : new Tensor[] {x, kernel, b});
        this.s = s;
        this.filters = filters;
        this.relu = relu;
        this.pointwise = s.kh == 1 && s.kw == 1 && s.sh == 1 && s.sw == 1 && s.padTop == 0 && s.padLeft == 0
                && s.groups == 1 && s.oh == s.h && s.ow == s.w;
    }

    private static int[] outShape(Tensor x, Tensor k, Tensor b, ConvShape s, int filters) {
        boolean oneD = x.rank() == 3;
        boolean ok = (oneD ? s.h == 1 && s.kh == 1 && x.dim(1) == s.w : x.rank() == 4 && x.dim(1) == s.h && x.dim(2) == s.w)
                && x.dim(-1) == s.c && !k.batched() && k.rowSize() == s.patch() * filters && filters % s.groups == 0
                && (b == null || (b.rank() == 1 && b.dim(0) == filters));
        if (!ok) {
            throw new IllegalArgumentException("conv: cannot apply kernel " + NDArray.shapeString(k.shape())
                    + (b == null ? "" : " and bias " + NDArray.shapeString(b.shape())) + " to "
                    + NDArray.shapeString(x.shape()) + " as " + s + " with " + filters + " filters");
        }
        return oneD ? new int[] {-1, s.ow, filters} : new int[] {-1, s.oh, s.ow, filters};
    }

    private void ensure(int n) {
        int m = n * s.pixels(), p = s.patch(), fg = filters / s.groups;
        if (!pointwise && cols.length < (long) m * p * s.groups) cols = new float[m * p * s.groups];
        if (s.groups > 1) {
            if (wg.length < p * fg) wg = new float[p * fg];
            if (dwg.length < p * fg) dwg = new float[p * fg];
            if (yg.length < m * fg) yg = new float[m * fg];
        }
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0], w = in[1], b = in.length == 3 ? in[2] : null;
        ensure(n);
        int m = n * s.pixels(), p = s.patch();
        float[] bias = b == null ? null : b.data;
        int bOff = b == null ? 0 : b.off;
        if (pointwise) {
            K.gemmBias(m, filters, p, x.data, x.off, w.data, w.off, bias, bOff, relu, out.data, out.off);
        } else if (s.groups == 1) {
            K.im2col(s, n, 0, x.data, x.off, cols, 0);
            K.gemmBias(m, filters, p, cols, 0, w.data, w.off, bias, bOff, relu, out.data, out.off);
        } else {
            int fg = filters / s.groups;
            for (int g = 0; g < s.groups; g++) {
                K.im2col(s, n, g, x.data, x.off, cols, g * m * p);
                K.copyBlock(p, fg, w.data, w.off + g * fg, filters, wg, 0, fg, false);
                K.gemmBias(m, fg, p, cols, g * m * p, wg, 0, bias, bOff + g * fg, relu, yg, 0);
                K.copyBlock(m, fg, yg, 0, fg, out.data, out.off + g * fg, filters, false);
            }
        }
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0], w = in[1];
        int m = n * s.pixels(), p = s.patch();
        float[] dy = out.grad;
        int dyOff = out.goff;
        boolean db = in.length == 3 && g(in[2]);
        K.reluBackwardSumRows(m, filters, relu ? out.data : null, out.off, dy, dyOff, db ? in[2].grad : null,
                db ? in[2].goff : 0, db && !overwrite(2));
        if (pointwise) {
            if (g(w)) kernelGrad(m, p, x.data, x.off, dy, dyOff, w.grad, w.goff, !overwrite(1));
            if (g(x)) K.gemmNT(m, p, filters, dy, dyOff, w.data, w.off, x.grad, x.goff, !overwrite(0));
            return;
        }
        if (g(x) && overwrite(0)) java.util.Arrays.fill(x.grad, x.goff, x.goff + x.size(n), 0f);
        if (s.groups == 1) {
            if (g(w)) kernelGrad(m, p, cols, 0, dy, dyOff, w.grad, w.goff, !overwrite(1));
            if (g(x)) {
                K.gemmNT(m, p, filters, dy, dyOff, w.data, w.off, cols, 0, false);
                K.col2im(s, n, 0, cols, 0, x.grad, x.goff);
            }
            return;
        }
        int fg = filters / s.groups;
        for (int g = 0; g < s.groups; g++) {
            K.copyBlock(m, fg, dy, dyOff + g * fg, filters, yg, 0, fg, false);
            if (g(w)) {
                K.gemmTN(p, fg, m, cols, g * m * p, yg, 0, dwg, 0, false);
                K.copyBlock(p, fg, dwg, 0, fg, w.grad, w.goff + g * fg, filters, !overwrite(1));
            }
            if (g(x)) {
                K.copyBlock(p, fg, w.data, w.off + g * fg, filters, wg, 0, fg, false);
                K.gemmNT(m, p, fg, yg, 0, wg, 0, cols, g * m * p, false);
                K.col2im(s, n, g, cols, g * m * p, x.grad, x.goff);
            }
        }
    }

    /**
     * dk (p, F) (+)= cols (m, p)^T @ dy (m, F). It was computed transposed, dk^T (F, p) = dy^T @
     * cols, when F < p (18.6 -> 10.3 ms on one core for the MNIST convnet's second layer, on the
     * SGEMM of then); on today's SGEMM, whose long sums are cut into segments, the direct form is
     * the faster one (288x15488x64 TN 9.5-9.8 ms against 64x15488x288 TN 11.4-11.5, one core,
     * {@code ConvGemms cpu}), and, overwriting dk, gives the same bits (the same segments, the
     * same order of products in each sum).
     */
    private void kernelGrad(int m, int p, float[] a, int aOff, float[] dy, int dyOff, float[] dk, int dkOff, boolean acc) {
        K.gemmTN(p, filters, m, a, aOff, dy, dyOff, dk, dkOff, acc);
    }

    @Override
    protected boolean canOverwriteGrad(int i) {
        return true; // each gradient is written by one kernel call (or zeroed first, for col2im)
    }
}
