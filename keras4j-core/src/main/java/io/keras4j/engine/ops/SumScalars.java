package io.keras4j.engine.ops;

import io.keras4j.NDArray;
import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * The sum of scalars: the model's loss plus the losses its layers added (regularization).
 * <pre>
 * forward:  s (1) = sum_i x_i (1)           summed in double, in order
 * backward: dx_i += ds
 * </pre>
 */
public final class SumScalars extends Op {

    public SumScalars(Tensor... scalars) {
        super(check(scalars), scalars);
    }

    private static int[] check(Tensor[] xs) {
        for (Tensor x : xs) {
            if (x.batched() || x.rowSize() != 1) {
                throw new IllegalArgumentException("sum of scalars: got a tensor of shape " + NDArray.shapeString(x.shape()));
            }
        }
        return new int[] {1};
    }

    @Override
    public void forward(int n) {
        double s = 0;
        for (Tensor x : in) s += x.data[x.off];
        out.data[out.off] = (float) s;
    }

    @Override
    public void backward(int n) {
        for (Tensor x : in) if (g(x)) x.grad[x.goff] += out.grad[out.goff];
    }
}
