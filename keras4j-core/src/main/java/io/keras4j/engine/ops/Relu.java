package io.keras4j.engine.ops;

import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * {@code y = max(x, 0)} on the kernels (the most common activation gets the fast path).
 * <pre>
 * forward:  y = max(x, 0)
 * backward: dx += dy where y > 0     (the derivative at 0 is taken as 0, as TensorFlow and PyTorch do)
 * </pre>
 */
public final class Relu extends Op {

    public Relu(Tensor x) {
        super(x.shape(), x);
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0];
        K.relu(x.size(n), x.data, x.off, out.data, out.off);
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0];
        K.reluBackward(x.size(n), out.data, out.off, out.grad, out.goff, x.grad, x.goff, true);
    }
}
