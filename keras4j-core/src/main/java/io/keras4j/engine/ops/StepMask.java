package io.keras4j.engine.ops;

import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;
import java.util.Arrays;

/**
 * A step mask (1 keeps a step, 0 skips it) computed from a layer's input; it takes no gradient.
 * <pre>
 * ids (Embedding mask_zero):   mask (n, ...) = x != value                       same shape as x
 * features (Masking):          mask (n, T)   = any over the last axis of x != value
 * </pre>
 */
public final class StepMask extends Op {
    private final float value;
    private final boolean overLastAxis;
    private final int last;

    public StepMask(Tensor x, float value, boolean overLastAxis) {
        super(overLastAxis ? Arrays.copyOf(x.shape(), x.rank() - 1) : x.shape(), x);
        this.value = value;
        this.overLastAxis = overLastAxis;
        this.last = overLastAxis ? x.dim(-1) : 1;
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0];
        int len = out.size(n);
        for (int i = 0; i < len; i++) {
            boolean keep = false;
            for (int j = 0; j < last && !keep; j++) keep = x.data[x.off + i * last + j] != value;
            out.data[out.off + i] = keep ? 1f : 0f;
        }
    }

    @Override
    public void backward(int n) {
        // a mask is a constant of the input: no gradient
    }

    public boolean overLastAxis() {
        return overLastAxis;
    }
}
