package io.keras4j.engine.ops;

import io.keras4j.NDArray;
import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;
import java.util.Arrays;

/**
 * Parametric ReLU, Keras 3's {@code relu(x) - alpha * relu(-x)}, with {@code alpha} broadcast over
 * the axes where its shape is 1 (Keras's {@code shared_axes}).
 * <pre>
 * forward:  y = x                   x > 0
 *               alpha[b(i)] * x     x <= 0             b: element of a row -> element of alpha
 * backward: dx += dy * (x > 0 ? 1 : alpha[b(i)]);   dalpha[b(i)] += dy * min(x, 0)
 * </pre>
 */
public final class PReluOp extends Op {
    private final int[] map;

    /** @param alpha of the rank of a sample of {@code x}, each dimension equal to x's or 1 */
    public PReluOp(Tensor x, Tensor alpha) {
        super(check(x, alpha), x, alpha);
        int[] full = Arrays.copyOfRange(x.shape(), 1, x.rank());
        this.map = Broadcast.rowIndex(full, alpha.shape());
    }

    private static int[] check(Tensor x, Tensor alpha) {
        if (!x.batched() || alpha.rank() != x.rank() - 1) {
            throw new IllegalArgumentException("prelu: alpha " + NDArray.shapeString(alpha.shape()) + " does not match " + NDArray.shapeString(x.shape()));
        }
        return x.shape();
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0], a = in[1];
        int row = map.length;
        for (int s = 0; s < n; s++) {
            int xo = x.off + s * row, yo = out.off + s * row;
            for (int j = 0; j < row; j++) {
                float v = x.data[xo + j];
                out.data[yo + j] = v > 0 ? v : a.data[a.off + map[j]] * v;
            }
        }
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0], a = in[1];
        int row = map.length;
        boolean gx = g(x), ga = g(a);
        for (int s = 0; s < n; s++) {
            int xo = x.off + s * row, go = out.goff + s * row, xgo = x.goff + s * row;
            for (int j = 0; j < row; j++) {
                float v = x.data[xo + j], dy = out.grad[go + j];
                if (gx) x.grad[xgo + j] += v > 0 ? dy : dy * a.data[a.off + map[j]];
                if (ga && v < 0) a.grad[a.goff + map[j]] += dy * v;
            }
        }
    }
}
