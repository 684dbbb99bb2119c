package io.keras4j.engine.ops;

import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * Keras's {@code Masking} output: the steps whose features all equal {@code value} become zeros,
 * the others pass unchanged.
 * <pre>
 * forward:  y[n,t,:] = any(x[n,t,:] != value) ? x[n,t,:] : 0
 * backward: dx[n,t,:] (+)= dy[n,t,:] where the step is kept, else 0
 * </pre>
 */
public final class MaskSteps extends Op {
    private final float value;
    private final int f;

    public MaskSteps(Tensor x, float value) {
        super(x.shape(), x);
        this.value = value;
        this.f = x.dim(-1);
    }

    private boolean kept(Tensor x, int row) {
        for (int j = 0; j < f; j++) if (x.data[x.off + row * f + j] != value) return true;
        return false;
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0];
        for (int r = 0, rows = x.size(n) / f; r < rows; r++) {
            boolean keep = kept(x, r);
            for (int j = 0; j < f; j++) out.data[out.off + r * f + j] = keep ? x.data[x.off + r * f + j] : 0f;
        }
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0];
        if (!g(x)) return;
        for (int r = 0, rows = x.size(n) / f; r < rows; r++) {
            if (!kept(x, r)) continue;
            for (int j = 0; j < f; j++) x.grad[x.goff + r * f + j] += out.grad[out.goff + r * f + j];
        }
    }
}
