package io.keras4j.engine.ops;

import io.keras4j.NDArray;
import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * Keras's {@code batch_dot} of two rank-3 tensors, per sample a matrix product that contracts
 * axis {@code ax} of {@code x (n, p, q)} with axis {@code az} of {@code z (n, r, s)} (axes 1 or 2,
 * counted with the batch): the output is {@code (n, rest of x, rest of z)}.
 * <pre>
 * A = x[b] (ax = 2) or x[b]^T (ax = 1)       (I, K)
 * B = z[b]^T (az = 2) or z[b] (az = 1)       (K, J)
 * forward:  out[b] (I, J) = A @ B            (sums in double)
 * backward: dA += dout @ B^T;  dB += A^T @ dout, written back through the same transposes
 * </pre>
 * axes (2, 2): {@code x @ z^T}, the attention scores of {@code Dot(axes=2)}; (1, 1): {@code x^T @ z}.
 */
public final class BatchMatMulOp extends Op {
    private final int rowsI, cols, colsJ;
    /** Strides of A(i, k) in x and of B(k, j) in z, per sample. */
    private final int ai, ak, bk, bj, xSize, zSize;

    public BatchMatMulOp(Tensor x, Tensor z, int ax, int az) {
        super(outShape(x, z, ax, az), x, z);
        int p = x.dim(1), q = x.dim(2), r = z.dim(1), s = z.dim(2);
        this.rowsI = ax == 2 ? p : q;
        this.cols = ax == 2 ? q : p;
        this.colsJ = az == 2 ? r : s;
        this.ai = ax == 2 ? q : 1;
        this.ak = ax == 2 ? 1 : q;
        this.bk = az == 2 ? 1 : s;
        this.bj = az == 2 ? s : 1;
        this.xSize = p * q;
        this.zSize = r * s;
    }

    private static int[] outShape(Tensor x, Tensor z, int ax, int az) {
        if (x.rank() != 3 || z.rank() != 3 || ax < 1 || ax > 2 || az < 1 || az > 2 || x.dim(ax) != z.dim(az)) {
            throw new IllegalArgumentException("batch dot: cannot contract axis " + ax + " of " + NDArray.shapeString(x.shape())
                    + " with axis " + az + " of " + NDArray.shapeString(z.shape()));
        }
        return new int[] {-1, x.dim(3 - ax), z.dim(3 - az)};
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0], z = in[1];
        for (int b = 0; b < n; b++) {
            int xo = x.off + b * xSize, zo = z.off + b * zSize, oo = out.off + b * rowsI * colsJ;
            for (int i = 0; i < rowsI; i++) {
                for (int j = 0; j < colsJ; j++) {
                    double s = 0;
                    for (int k = 0; k < cols; k++) s += (double) x.data[xo + i * ai + k * ak] * z.data[zo + k * bk + j * bj];
                    out.data[oo + i * colsJ + j] = (float) s;
                }
            }
        }
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0], z = in[1];
        boolean gx = g(x), gz = g(z);
        for (int b = 0; b < n; b++) {
            int xo = b * xSize, zo = b * zSize, go = out.goff + b * rowsI * colsJ;
            if (gx) {
                for (int i = 0; i < rowsI; i++) {
                    for (int k = 0; k < cols; k++) {
                        double s = 0;
                        for (int j = 0; j < colsJ; j++) s += (double) out.grad[go + i * colsJ + j] * z.data[z.off + zo + k * bk + j * bj];
                        x.grad[x.goff + xo + i * ai + k * ak] += (float) s;
                    }
                }
            }
            if (gz) {
                for (int k = 0; k < cols; k++) {
                    for (int j = 0; j < colsJ; j++) {
                        double s = 0;
                        for (int i = 0; i < rowsI; i++) s += (double) x.data[x.off + xo + i * ai + k * ak] * out.grad[go + i * colsJ + j];
                        z.grad[z.goff + zo + k * bk + j * bj] += (float) s;
                    }
                }
            }
        }
    }
}
