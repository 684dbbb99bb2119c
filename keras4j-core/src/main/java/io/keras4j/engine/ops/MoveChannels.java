package io.keras4j.engine.ops;

import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * Moves the channel axis of a batch of images between first and last (Keras's
 * {@code data_format}): {@code (N, C, *spatial) -> (N, *spatial, C)} when {@code toLast}, and back
 * otherwise, so that the convolution ops need only channels-last.
 * <pre>
 * forward:  per sample, y (P, C) = x (C, P)^T      (P = product of the spatial sizes; toLast)
 * backward: dx (C, P) += dy (P, C)^T
 * </pre>
 */
public final class MoveChannels extends Op {
    private final boolean toLast;
    private final int c, p;

    public MoveChannels(Tensor x, boolean toLast) {
        super(shape(x, toLast), x);
        this.toLast = toLast;
        this.c = toLast ? x.dim(1) : x.dim(-1);
        this.p = x.rowSize() / c;
    }

    private static int[] shape(Tensor x, boolean toLast) {
        if (x.rank() < 3) throw new IllegalArgumentException("move_channels: needs (N, ..., C) with a spatial axis, got " + x);
        int[] s = x.shape(), o = s.clone();
        int r = s.length;
        if (toLast) {
            System.arraycopy(s, 2, o, 1, r - 2);
            o[r - 1] = s[1];
        } else {
            o[1] = s[r - 1];
            System.arraycopy(s, 1, o, 2, r - 2);
        }
        return o;
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0];
        if (toLast) K.transposeBatched(n, c, p, x.data, x.off, out.data, out.off, false);
        else K.transposeBatched(n, p, c, x.data, x.off, out.data, out.off, false);
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0];
        if (!g(x)) return;
        if (toLast) K.transposeBatched(n, p, c, out.grad, out.goff, x.grad, x.goff, !overwrite(0));
        else K.transposeBatched(n, c, p, out.grad, out.goff, x.grad, x.goff, !overwrite(0));
    }

    @Override
    protected boolean canOverwriteGrad(int i) {
        return true;
    }
}
