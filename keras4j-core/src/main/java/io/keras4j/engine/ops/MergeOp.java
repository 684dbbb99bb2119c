package io.keras4j.engine.ops;

import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * The element-wise merges of Keras's {@code Add}, {@code Subtract}, {@code Multiply},
 * {@code Average}, {@code Maximum} and {@code Minimum}, over inputs of one shape.
 * <pre>
 * ADD       y = x_0 + x_1 + ...            dx_i += dy
 * SUBTRACT  y = x_0 - x_1                  dx_0 += dy, dx_1 -= dy
 * MULTIPLY  y = x_0 * x_1 * ...            dx_i += dy * prod_{j != i} x_j
 * AVERAGE   y = (x_0 + x_1 + ...) / k      dx_i += dy / k
 * MAXIMUM   y = max_i x_i                  dy to the first input holding the maximum
 * MINIMUM   y = min_i x_i                  dy to the first input holding the minimum
 * </pre>
 * Sums and products run left to right in float, as Keras reduces its inputs pairwise; the
 * maximum's tie rule is TensorFlow's {@code x >= y} of that pairwise reduction.
 */
public final class MergeOp extends Op {
    /** The merge. */
    public enum Mode { ADD, SUBTRACT, MULTIPLY, AVERAGE, MAXIMUM, MINIMUM }

    private final Mode mode;

    public MergeOp(Mode mode, Tensor... inputs) {
        super(inputs[0].shape(), inputs);
        this.mode = mode;
        for (Tensor t : inputs) {
            if (!java.util.Arrays.equals(t.shape(), inputs[0].shape())) {
                throw new IllegalArgumentException(mode + ": inputs of shapes " + inputs[0] + " and " + t + " differ");
            }
        }
        if (mode == Mode.SUBTRACT && inputs.length != 2) throw new IllegalArgumentException("SUBTRACT takes exactly 2 inputs");
    }

    @Override
    public void forward(int n) {
        int m = out.size(n), k = in.length;
        float[] y = out.data;
        int yo = out.off;
        for (int e = 0; e < m; e++) {
            float v = in[0].data[in[0].off + e];
            for (int i = 1; i < k; i++) {
                float x = in[i].data[in[i].off + e];
                switch (mode) {
                    case ADD, AVERAGE -> v += x;
                    case SUBTRACT -> v -= x;
                    case MULTIPLY -> v *= x;
                    case MAXIMUM -> v = v >= x ? v : x;
                    case MINIMUM -> v = v <= x ? v : x;
                }
            }
            y[yo + e] = mode == Mode.AVERAGE ? v / k : v;
        }
    }

    @Override
    public void backward(int n) {
        int m = out.size(n), k = in.length;
        float[] dy = out.grad;
        int dyo = out.goff;
        for (int e = 0; e < m; e++) {
            float d = dy[dyo + e];
            switch (mode) {
                case ADD -> { for (Tensor t : in) if (g(t)) t.grad[t.goff + e] += d; }
                case AVERAGE -> { for (Tensor t : in) if (g(t)) t.grad[t.goff + e] += d / k; }
                case SUBTRACT -> {
                    if (g(in[0])) in[0].grad[in[0].goff + e] += d;
                    if (g(in[1])) in[1].grad[in[1].goff + e] -= d;
                }
                case MULTIPLY -> {
                    for (int i = 0; i < k; i++) {
                        if (!g(in[i])) continue;
                        float p = d;
                        for (int j = 0; j < k; j++) if (j != i) p *= in[j].data[in[j].off + e];
                        in[i].grad[in[i].goff + e] += p;
                    }
                }
                case MAXIMUM, MINIMUM -> {
                    int best = 0;
                    float v = in[0].data[in[0].off + e];
                    for (int i = 1; i < k; i++) {
                        float x = in[i].data[in[i].off + e];
                        if (mode == Mode.MAXIMUM ? x > v : x < v) { v = x; best = i; }
                    }
                    if (g(in[best])) in[best].grad[in[best].goff + e] += d;
                }
            }
        }
    }
}
