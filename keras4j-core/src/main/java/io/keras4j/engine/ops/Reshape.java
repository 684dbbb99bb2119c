package io.keras4j.engine.ops;

import io.keras4j.NDArray;
import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * The same values per sample under another shape (row-major order kept): Flatten, Reshape.
 * <pre>
 * forward:  y = x (copied)
 * backward: dx (+)= dy
 * </pre>
 */
public final class Reshape extends Op {

    /** @param features the new shape without the batch dimension; the same number of values */
    public Reshape(Tensor x, int... features) {
        super(check(x, features), x);
    }

    private static int[] check(Tensor x, int[] f) {
        int[] s = new int[f.length + 1];
        s[0] = -1;
        int size = 1;
        for (int d = 0; d < f.length; d++) {
            s[d + 1] = f[d];
            size *= f[d];
        }
        if (!x.batched() || size != x.rowSize()) {
            throw new IllegalArgumentException("reshape: cannot reshape " + NDArray.shapeString(x.shape()) + " to "
                    + NDArray.shapeString(s));
        }
        return s;
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0];
        System.arraycopy(x.data, x.off, out.data, out.off, x.size(n));
    }

    @Override
    protected boolean canOverwriteGrad(int i) {
        return true;
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0];
        if (!g(x)) return;
        int len = x.size(n);
        if (overwrite(0)) {
            System.arraycopy(out.grad, out.goff, x.grad, x.goff, len);
        } else {
            for (int i = 0; i < len; i++) x.grad[x.goff + i] += out.grad[out.goff + i];
        }
    }
}
