package io.keras4j.engine.ops;

import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * {@code y = x * scale + offset} with constant scale and offset (Rescaling).
 * <pre>
 * forward:  y[i] = x[i] * scale + offset   (the product rounded to float, then the sum)
 * backward: dx[i] += dy[i] * scale
 * </pre>
 */
public final class ScaleShift extends Op {
    private final float scale, offset;

    public ScaleShift(Tensor x, float scale, float offset) {
        super(x.shape(), x);
        this.scale = scale;
        this.offset = offset;
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0];
        int len = x.size(n);
        for (int i = 0; i < len; i++) out.data[out.off + i] = x.data[x.off + i] * scale + offset;
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0];
        if (!g(x)) return;
        int len = x.size(n);
        for (int i = 0; i < len; i++) x.grad[x.goff + i] += out.grad[out.goff + i] * scale;
    }
}
