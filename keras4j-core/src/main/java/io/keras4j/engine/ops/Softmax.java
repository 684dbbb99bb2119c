package io.keras4j.engine.ops;

import io.keras4j.engine.FastMath;
import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * Softmax over the last axis, computed stably (the row maximum is subtracted first).
 * <pre>
 * forward:  y = exp(x - max(x)) / sum(exp(x - max(x)))       per row of length C
 * backward: dx += y * (dy - sum(dy * y))                      per row
 * </pre>
 */
public final class Softmax extends Op {
    private final int c;

    public Softmax(Tensor x) {
        super(x.shape(), x);
        this.c = x.dim(-1);
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0];
        int rows = x.size(n) / c;
        if (c == 2) {
            binary(rows, x.data, x.off, out.data, out.off);
            return;
        }
        for (int r = 0; r < rows; r++) {
            int xo = x.off + r * c, yo = out.off + r * c;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) max = Math.max(max, x.data[xo + j]);
            float sum = 0f;
            for (int j = 0; j < c; j++) {
                float e = FastMath.exp(x.data[xo + j] - max);
                out.data[yo + j] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (int j = 0; j < c; j++) out.data[yo + j] *= inv;
        }
    }

    /**
     * Two classes (binary classification with a softmax head): the general loop's arithmetic in
     * the same order, written out, since loops of two iterations cost more than their bodies.
     * One exponential per row: the larger input's is exp(0) = 1 exactly, so it is computed as
     * {@code 1 + (max - max)}, which is also NaN where exp(max - max) is (max infinite or NaN).
     * Which class wins is data, so it is chosen with bit masks, not branches (see
     * {@link FastMath#greater}); where an input is NaN every output is NaN whichever is chosen.
     */
    private static void binary(int rows, float[] x, int xo, float[] y, int yo) {
        for (int r = 0; r < rows; r++, xo += 2, yo += 2) {
            float x0 = x[xo], x1 = x[xo + 1];
            int first = FastMath.greater(x1, x0) - 1; // -1 where x0 >= x1, else 0
            // the larger input by the same mask: as Math.max up to the sign of a zero maximum
            // (exp(0) either way) and to NaN inputs (every output NaN either way)
            float max = FastMath.select(first, x0, x1);
            float one = 1f + (max - max), e = FastMath.exp(FastMath.select(first, x1, x0) - max);
            float e0 = FastMath.select(first, one, e), e1 = FastMath.select(first, e, one);
            float inv = 1f / (0f + e0 + e1);
            y[yo] = e0 * inv;
            y[yo + 1] = e1 * inv;
        }
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0];
        int rows = x.size(n) / c;
        if (c == 2) { // written out, as forward
            float[] y = out.data, dy = out.grad, dx = x.grad;
            for (int r = 0, yo = out.off, go = out.goff, xo = x.goff; r < rows; r++, yo += 2, go += 2, xo += 2) {
                float dot = 0f + dy[go] * y[yo] + dy[go + 1] * y[yo + 1];
                dx[xo] += y[yo] * (dy[go] - dot);
                dx[xo + 1] += y[yo + 1] * (dy[go + 1] - dot);
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int yo = out.off + r * c, go = out.goff + r * c, xo = x.goff + r * c;
            float dot = 0f;
            for (int j = 0; j < c; j++) dot += out.grad[go + j] * out.data[yo + j];
            for (int j = 0; j < c; j++) x.grad[xo + j] += out.data[yo + j] * (out.grad[go + j] - dot);
        }
    }
}
