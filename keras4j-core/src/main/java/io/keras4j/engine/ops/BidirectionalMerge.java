package io.keras4j.engine.ops;

import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * Merges the forward and backward outputs of Keras's {@code Bidirectional} ({@code merge_mode}),
 * over the last axis of two tensors of the same shape {@code (n, ..., u)}:
 * <pre>
 * concat: y = [a, b] (n, ..., 2u)     sum: y = a + b     mul: y = a * b     ave: y = (a + b) / 2
 * backward: da, db from dy accordingly (concat: the two halves; mul: dy*b, dy*a)
 * </pre>
 */
public final class BidirectionalMerge extends Op {
    public enum Mode { CONCAT, SUM, MUL, AVE }

    private final Mode mode;
    private final int u;

    public BidirectionalMerge(Tensor a, Tensor b, Mode mode) {
        super(outShape(a, b, mode), a, b);
        this.mode = mode;
        this.u = a.dim(-1);
    }

    private static int[] outShape(Tensor a, Tensor b, Mode mode) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException("bidirectional merge: shapes differ: " + a + " and " + b);
        }
        int[] s = a.shape();
        if (mode == Mode.CONCAT) s[s.length - 1] *= 2;
        return s;
    }

    @Override
    public void forward(int n) {
        Tensor a = in[0], b = in[1];
        int len = a.size(n);
        if (mode == Mode.CONCAT) {
            for (int r = 0, rows = len / u; r < rows; r++) {
                System.arraycopy(a.data, a.off + r * u, out.data, out.off + r * 2 * u, u);
                System.arraycopy(b.data, b.off + r * u, out.data, out.off + r * 2 * u + u, u);
            }
            return;
        }
        for (int i = 0; i < len; i++) {
            float x = a.data[a.off + i], y = b.data[b.off + i];
            out.data[out.off + i] = mode == Mode.SUM ? x + y : mode == Mode.MUL ? x * y : (x + y) * 0.5f;
        }
    }

    @Override
    public void backward(int n) {
        Tensor a = in[0], b = in[1];
        int len = a.size(n);
        boolean ga = g(a), gb = g(b);
        if (mode == Mode.CONCAT) {
            for (int r = 0, rows = len / u; r < rows; r++) {
                for (int j = 0; j < u; j++) {
                    if (ga) a.grad[a.goff + r * u + j] += out.grad[out.goff + r * 2 * u + j];
                    if (gb) b.grad[b.goff + r * u + j] += out.grad[out.goff + r * 2 * u + u + j];
                }
            }
            return;
        }
        for (int i = 0; i < len; i++) {
            float d = out.grad[out.goff + i];
            float da = mode == Mode.MUL ? d * b.data[b.off + i] : mode == Mode.AVE ? d * 0.5f : d;
            float db = mode == Mode.MUL ? d * a.data[a.off + i] : mode == Mode.AVE ? d * 0.5f : d;
            if (ga) a.grad[a.goff + i] += da;
            if (gb) b.grad[b.goff + i] += db;
        }
    }
}
