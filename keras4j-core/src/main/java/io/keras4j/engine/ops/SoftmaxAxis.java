package io.keras4j.engine.ops;

import io.keras4j.engine.FastMath;
import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * Softmax over an axis that is not the last one: a sample viewed as {@code (outer, c, inner)},
 * normalised over {@code c} (for the last axis {@link Softmax} is faster).
 * <pre>
 * forward:  y = exp(x - max(x)) / sum(exp(x - max(x)))       over the c values of each (outer, inner)
 * backward: dx += y * (dy - sum(dy * y))
 * </pre>
 */
public final class SoftmaxAxis extends Op {
    private final int outer, c, inner;

    /** @param axis an axis of x other than the batch (0), counted from the start */
    public SoftmaxAxis(Tensor x, int axis) {
        super(x.shape(), x);
        if (axis < 1 || axis >= x.rank()) throw new IllegalArgumentException("softmax: axis " + axis + " of a tensor of rank " + x.rank());
        int o = 1, in = 1;
        for (int d = 1; d < axis; d++) o *= x.dim(d);
        for (int d = axis + 1; d < x.rank(); d++) in *= x.dim(d);
        this.outer = o;
        this.c = x.dim(axis);
        this.inner = in;
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0];
        float[] xd = x.data, y = out.data;
        for (int b = 0; b < n * outer; b++) {
            for (int i = 0; i < inner; i++) {
                int xo = x.off + b * c * inner + i, yo = out.off + b * c * inner + i;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < c; j++) max = Math.max(max, xd[xo + j * inner]);
                float sum = 0f;
                for (int j = 0; j < c; j++) {
                    float e = FastMath.exp(xd[xo + j * inner] - max);
                    y[yo + j * inner] = e;
                    sum += e;
                }
                float inv = 1f / sum;
                for (int j = 0; j < c; j++) y[yo + j * inner] *= inv;
            }
        }
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0];
        float[] y = out.data, dy = out.grad, dx = x.grad;
        for (int b = 0; b < n * outer; b++) {
            for (int i = 0; i < inner; i++) {
                int yo = out.off + b * c * inner + i, go = out.goff + b * c * inner + i, xo = x.goff + b * c * inner + i;
                float dot = 0f;
                for (int j = 0; j < c; j++) dot += dy[go + j * inner] * y[yo + j * inner];
                for (int j = 0; j < c; j++) dx[xo + j * inner] += y[yo + j * inner] * (dy[go + j * inner] - dot);
            }
        }
    }
}
