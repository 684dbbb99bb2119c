package io.keras4j.engine.ops;

import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * An element-wise activation {@code y = f(x)}.
 * <pre>
 * forward:  y[i] = f(x[i])
 * backward: dx[i] += dy[i] * f'(x[i])
 * </pre>
 */
public final class Unary extends Op {
    private final UnaryFn fn;

    public Unary(Tensor x, UnaryFn fn) {
        super(x.shape(), x);
        this.fn = fn;
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0];
        int len = x.size(n);
        for (int i = 0; i < len; i++) out.data[out.off + i] = fn.apply(x.data[x.off + i]);
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0];
        int len = x.size(n);
        for (int i = 0; i < len; i++) {
            x.grad[x.goff + i] += out.grad[out.goff + i] * fn.derivative(x.data[x.off + i], out.data[out.off + i]);
        }
    }
}
