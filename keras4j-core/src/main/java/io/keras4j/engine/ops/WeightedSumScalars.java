package io.keras4j.engine.ops;

import io.keras4j.NDArray;
import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * A weighted sum of scalars: a model's loss over several outputs, Keras's
 * {@code sum_i loss_weights[i] * loss_i}.
 * <pre>
 * forward:  s (1) = sum_i w_i x_i (1)       summed in double, in order
 * backward: dx_i += w_i ds
 * </pre>
 */
public final class WeightedSumScalars extends Op {
    private final double[] w;

    public WeightedSumScalars(double[] weights, Tensor... scalars) {
        super(check(weights, scalars), scalars);
        this.w = weights.clone();
    }

    private static int[] check(double[] w, Tensor[] xs) {
        if (w.length != xs.length) throw new IllegalArgumentException("weighted sum: " + w.length + " weights for " + xs.length + " scalars");
        for (Tensor x : xs) {
            if (x.batched() || x.rowSize() != 1) {
                throw new IllegalArgumentException("weighted sum of scalars: got a tensor of shape " + NDArray.shapeString(x.shape()));
            }
        }
        return new int[] {1};
    }

    @Override
    public void forward(int n) {
        double s = 0;
        for (int i = 0; i < in.length; i++) s += w[i] * in[i].data[in[i].off];
        out.data[out.off] = (float) s;
    }

    @Override
    public void backward(int n) {
        for (int i = 0; i < in.length; i++) if (g(in[i])) in[i].grad[in[i].goff] += (float) (w[i] * out.grad[out.goff]);
    }
}
