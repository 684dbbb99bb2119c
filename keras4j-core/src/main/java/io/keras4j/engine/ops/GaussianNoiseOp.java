package io.keras4j.engine.ops;

import io.keras4j.engine.Op;
import io.keras4j.engine.Rng;
import io.keras4j.engine.Tensor;
import java.util.SplittableRandom;

/**
 * Additive Gaussian noise (training mode).
 * <pre>
 * forward:  y = x + stddev * z,  z ~ N(0, 1) per element      (drawn into y, no other buffer)
 * backward: dx += dy
 * </pre>
 */
public final class GaussianNoiseOp extends Op {
    private final float stddev;
    private final SplittableRandom own;

    /** @param own the layer's own random stream, or null for the global one of {@code Utils.setRandomSeed} */
    public GaussianNoiseOp(Tensor x, double stddev, SplittableRandom own) {
        super(x.shape(), x);
        this.stddev = (float) stddev;
        this.own = own;
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0];
        int len = x.size(n);
        if (own == null) {
            Rng.gaussian(out.data, out.off, len);
        } else {
            synchronized (own) {
                Rng.gaussian(own, out.data, out.off, len);
            }
        }
        for (int i = 0; i < len; i++) out.data[out.off + i] = x.data[x.off + i] + stddev * out.data[out.off + i];
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0];
        int len = x.size(n);
        if (overwrite(0)) System.arraycopy(out.grad, out.goff, x.grad, x.goff, len);
        else for (int i = 0; i < len; i++) x.grad[x.goff + i] += out.grad[out.goff + i];
    }

    @Override
    protected boolean canOverwriteGrad(int i) {
        return true;
    }
}
