package io.keras4j.engine.ops;

import io.keras4j.NDArray;
import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * {@code y = x @ w} over the last axis of a batch-major {@code x}.
 * <pre>
 * forward:  x (M,K) @ w (K,N) -> y (M,N)        M = samples * (other axes)
 * backward: dx (M,K) += dy (M,N) @ w^T;   dw (K,N) += x^T @ dy
 * </pre>
 */
public final class MatMul extends Op {
    private final int k, nOut;

    public MatMul(Tensor x, Tensor w) {
        super(outShape(x, w), x, w);
        this.k = w.dim(0);
        this.nOut = w.dim(1);
    }

    private static int[] outShape(Tensor x, Tensor w) {
        if (w.rank() != 2 || x.dim(-1) != w.dim(0)) {
            throw new IllegalArgumentException("matmul: cannot multiply " + NDArray.shapeString(x.shape())
                    + " by " + NDArray.shapeString(w.shape()));
        }
        int[] s = x.shape();
        s[s.length - 1] = w.dim(1);
        return s;
    }

    private int rows(int n) {
        return in[0].size(n) / k;
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0], w = in[1];
        K.gemm(rows(n), nOut, k, x.data, x.off, w.data, w.off, out.data, out.off, false);
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0], w = in[1];
        int m = rows(n);
        if (g(x)) K.gemmNT(m, k, nOut, out.grad, out.goff, w.data, w.off, x.grad, x.goff, true);
        if (g(w)) K.gemmTN(k, nOut, m, x.data, x.off, out.grad, out.goff, w.grad, w.goff, true);
    }
}
