package io.keras4j.engine.ops;

import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * Average pooling over the windows of a {@link PoolGeometry}, counting only the cells inside x
 * (Keras's "same" padding); samples read as {@code (h, w, c)} -> {@code (oh, ow, c)}.
 * <pre>
 * forward:  y[i, j, ch] = sum of x over window (i, j)'s cells inside x / their number
 * backward: dx[cell] += dy[i, j, ch] / that number, for each window the cell is in
 * </pre>
 */
public final class AvgPool extends Op {
    private final PoolGeometry g;

    /** @param outShape y's shape with the batch dimension, holding {@code g.outSize()} values a sample */
    public AvgPool(Tensor x, PoolGeometry g, int... outShape) {
        super(Pool.check("avg_pool", x, g, outShape), x);
        this.g = g;
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0];
        K.avgPool2d(n, g.h, g.w, g.c, g.ph, g.pw, g.sh, g.sw, g.padTop, g.padLeft, g.oh, g.ow, x.data, x.off, out.data, out.off);
    }

    /** The kernel writes every cell of dx when asked to, so the plan need not zero it first. */
    @Override
    protected boolean canOverwriteGrad(int i) {
        return true;
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0];
        if (!g(x)) return;
        K.avgPool2dBackward(n, g.h, g.w, g.c, g.ph, g.pw, g.sh, g.sw, g.padTop, g.padLeft, g.oh, g.ow, out.grad, out.goff,
                x.grad, x.goff, !overwrite(0));
    }
}
