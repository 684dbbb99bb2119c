package io.keras4j.engine.ops;

import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * Max pooling over the windows of a {@link PoolGeometry}; each sample of x is read as
 * {@code (h, w, c)} and each sample of y as {@code (oh, ow, c)}, whatever their shapes say.
 * <pre>
 * forward:  y[i, j, ch] = max of x over window (i, j)'s cells inside x, channel ch
 * backward: dx[the window's max cell] += dy[i, j, ch]   (the first such cell, row-major; dx is
 *           overwritten instead, other cells 0, when this op is its only consumer)
 * </pre>
 * Keeps no argmax: backward finds the max again from x and y, so the op holds no buffer.
 */
public final class MaxPool extends Op {
    private final PoolGeometry g;

    /** @param outShape y's shape with the batch dimension, holding {@code g.outSize()} values a sample */
    public MaxPool(Tensor x, PoolGeometry g, int... outShape) {
        super(Pool.check("max_pool", x, g, outShape), x);
        this.g = g;
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0];
        K.maxPool2d(n, g.h, g.w, g.c, g.ph, g.pw, g.sh, g.sw, g.padTop, g.padLeft, g.oh, g.ow, x.data, x.off, out.data, out.off);
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
        K.maxPool2dBackward(n, g.h, g.w, g.c, g.ph, g.pw, g.sh, g.sw, g.padTop, g.padLeft, g.oh, g.ow, x.data, x.off,
                out.data, out.off, out.grad, out.goff, x.grad, x.goff, !overwrite(0));
    }
}
