package io.keras4j.engine.ops;

import io.keras4j.NDArray;
import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.kernels.ConvShape;

/**
 * A transposed 2-D convolution over channels-last inputs: the input gradient of the convolution
 * {@code s} (from the output (oh', ow', F) = (s.h, s.w, s.c) to the input (h, w, c) = (s.oh, s.ow,
 * c)), with the bias and a ReLU applied after.
 * <pre>
 * x (N, h, w, c)          kernel (kh, kw, F, c)  read as the matrix W (kh*kw*F, c)
 * forward:  cols (N*h*w, kh*kw*F) = x @ W^T;   y (N, s.h, s.w, F) = act(col2im(cols) + b)
 * backward: dz = dy * act'(y) (in place);   db += sum of dz;   dcols = im2col(dz)
 *           dW += dcols^T @ x;   dx += dcols @ W
 * </pre>
 */
public final class ConvTranspose extends Op {
    private final ConvShape s;
    private final int channels;
    private final boolean relu;
    private float[] cols = new float[0];

    /** @param b the bias (F), or null */
    public ConvTranspose(Tensor x, Tensor kernel, Tensor b, ConvShape s, boolean relu) {
        super(outShape(x, kernel, b, s), b == null ? new Tensor[] {x, kernel} : new Tensor[] {x, kernel, b});
        this.s = s;
        this.channels = x.dim(-1);
        this.relu = relu;
    }

    private static int[] outShape(Tensor x, Tensor k, Tensor b, ConvShape s) {
        boolean ok = x.rank() == 4 && x.dim(1) == s.oh && x.dim(2) == s.ow && k.rank() == 4 && k.dim(0) == s.kh
                && k.dim(1) == s.kw && k.dim(2) == s.c && k.dim(3) == x.dim(3) && s.groups == 1
                && (b == null || (b.rank() == 1 && b.dim(0) == s.c));
        if (!ok) {
            throw new IllegalArgumentException("conv_transpose: cannot apply kernel " + NDArray.shapeString(k.shape())
                    + (b == null ? "" : " and bias " + NDArray.shapeString(b.shape())) + " to "
                    + NDArray.shapeString(x.shape()) + " as the transpose of " + s);
        }
        return new int[] {-1, s.h, s.w, s.c};
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0], w = in[1], b = in.length == 3 ? in[2] : null;
        int m = n * s.pixels(), p = s.patch();
        if (cols.length < (long) m * p) cols = new float[m * p];
        K.gemmNT(m, p, channels, x.data, x.off, w.data, w.off, cols, 0, false);
        java.util.Arrays.fill(out.data, out.off, out.off + out.size(n), 0f);
        K.col2im(s, n, 0, cols, 0, out.data, out.off);
        int rows = n * s.h * s.w;
        if (b != null) K.addRowVector(rows, s.c, out.data, out.off, b.data, b.off);
        if (relu) K.relu(rows * s.c, out.data, out.off, out.data, out.off);
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0], w = in[1];
        int m = n * s.pixels(), p = s.patch(), rows = n * s.h * s.w;
        float[] dy = out.grad;
        int dyOff = out.goff;
        boolean db = in.length == 3 && g(in[2]);
        K.reluBackwardSumRows(rows, s.c, relu ? out.data : null, out.off, dy, dyOff, db ? in[2].grad : null,
                db ? in[2].goff : 0, db && !overwrite(2));
        K.im2col(s, n, 0, dy, dyOff, cols, 0);
        if (g(w)) K.gemmTN(p, channels, m, cols, 0, x.data, x.off, w.grad, w.goff, !overwrite(1));
        if (g(x)) K.gemm(m, channels, p, cols, 0, w.data, w.off, x.grad, x.goff, !overwrite(0));
    }

    @Override
    protected boolean canOverwriteGrad(int i) {
        return true;
    }
}
