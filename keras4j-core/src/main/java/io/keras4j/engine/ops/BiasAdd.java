package io.keras4j.engine.ops;

import io.keras4j.NDArray;
import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * {@code y = x + b}, {@code b} broadcast over every axis but the last.
 * <pre>
 * forward:  x (M,N) + b (N) -> y (M,N)
 * backward: dx += dy;   db (N) += sum over rows of dy
 * </pre>
 */
public final class BiasAdd extends Op {
    private final int units;

    public BiasAdd(Tensor x, Tensor b) {
        super(check(x, b), x, b);
        this.units = b.dim(0);
    }

    private static int[] check(Tensor x, Tensor b) {
        if (b.rank() != 1 || b.dim(0) != x.dim(-1)) {
            throw new IllegalArgumentException("bias_add: bias " + NDArray.shapeString(b.shape())
                    + " does not match " + NDArray.shapeString(x.shape()));
        }
        return x.shape();
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0], b = in[1];
        int len = x.size(n);
        System.arraycopy(x.data, x.off, out.data, out.off, len);
        K.addRowVector(len / units, units, out.data, out.off, b.data, b.off);
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0], b = in[1];
        int len = x.size(n);
        if (g(x)) {
            for (int i = 0; i < len; i++) x.grad[x.goff + i] += out.grad[out.goff + i];
        }
        if (g(b)) K.sumRows(len / units, units, out.grad, out.goff, b.grad, b.goff, true);
    }
}
