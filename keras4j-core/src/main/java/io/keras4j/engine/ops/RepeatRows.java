package io.keras4j.engine.ops;

import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * Keras's {@code RepeatVector(times)}: {@code y[:, t, :] = x} for every {@code t}.
 * <pre>
 * forward:  x (n,f) -> y (n,times,f)
 * backward: dx (+)= sum over t of dy[:, t, :]
 * </pre>
 */
public final class RepeatRows extends Op {
    private final int times, f;

    public RepeatRows(Tensor x, int times) {
        super(new int[] {-1, times, x.dim(1)}, x);
        this.times = times;
        this.f = x.dim(1);
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < times; t++) System.arraycopy(x.data, x.off + i * f, out.data, out.off + (i * times + t) * f, f);
        }
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0];
        boolean add = !overwrite(0);
        for (int i = 0; i < n; i++) {
            int dst = x.goff + i * f;
            for (int j = 0; j < f; j++) {
                float s = 0;
                for (int t = 0; t < times; t++) s += out.grad[out.goff + (i * times + t) * f + j];
                x.grad[dst + j] = add ? x.grad[dst + j] + s : s;
            }
        }
    }

    @Override
    protected boolean canOverwriteGrad(int i) {
        return true;
    }
}
