package io.keras4j.engine.ops;

import io.keras4j.engine.Op;
import io.keras4j.engine.Rng;
import io.keras4j.engine.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Inverted dropout (training mode), with a mask of the noise shape broadcast over the input.
 * <pre>
 * forward:  u ~ U[0, 1) per mask element;  m = u >= rate ? 1 / (1 - rate) : 0
 *           y[i] = x[i] * m[b(i)]          b: element -> mask element (Keras's noise_shape)
 * backward: dx[i] += dy[i] * m[b(i)]
 * </pre>
 * The mask is drawn from the global stream of {@code Utils.setRandomSeed}, or from the layer's
 * own stream when it has a {@code seed}; its buffer is allocated once, at the first call, for the
 * plan's capacity.
 */
public final class DropoutOp extends Op {
    private final float rate, scale;
    private final int[] map;
    private final int maskRow;
    private final boolean sharedOverBatch;
    private final SplittableRandom own;
    private float[] mask;

    /**
     * @param noiseRow        the mask's shape per sample (each dimension x's or 1)
     * @param sharedOverBatch one mask for every sample (noise shape 1 on the batch axis)
     * @param own             the layer's own random stream, or null for the global one
     */
    public DropoutOp(Tensor x, double rate, int[] noiseRow, boolean sharedOverBatch, SplittableRandom own) {
        super(x.shape(), x);
        if (!(rate >= 0 && rate <= 1)) throw new IllegalArgumentException("dropout: rate must be in [0, 1], got " + rate);
        this.rate = (float) rate;
        this.scale = rate >= 1 ? 0f : (float) (1 / (1 - rate));
        this.map = Broadcast.rowIndex(Arrays.copyOfRange(x.shape(), 1, x.rank()), noiseRow);
        int r = 1;
        for (int d : noiseRow) r *= d;
        this.maskRow = r;
        this.sharedOverBatch = sharedOverBatch;
        this.own = own;
    }

    /** No broadcasting: the mask has the input's shape. */
    private boolean elementwise() {
        return !sharedOverBatch && maskRow == map.length;
    }

    /** The mask of the last forward call (scale or 0 per mask element). For tests. */
    public float[] mask() {
        return mask;
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0];
        int row = map.length, masks = sharedOverBatch ? 1 : n;
        if (mask == null) mask = new float[(sharedOverBatch ? 1 : out.data.length / Math.max(row, 1)) * maskRow];
        int len = masks * maskRow;
        if (own == null) {
            Rng.uniform(mask, 0, len);
        } else {
            synchronized (own) {
                Rng.uniform(own, mask, 0, len);
            }
        }
        if (elementwise()) { // the usual case: one mask value per input value, in one pass
            float[] xd = x.data, yd = out.data;
            int xo = x.off, yo = out.off;
            for (int i = 0; i < len; i++) {
                float m = keep(mask[i]);
                mask[i] = m;
                yd[yo + i] = xd[xo + i] * m;
            }
            return;
        }
        for (int i = 0; i < len; i++) mask[i] = keep(mask[i]);
        for (int s = 0; s < n; s++) {
            int xo = x.off + s * row, yo = out.off + s * row, mo = sharedOverBatch ? 0 : s * maskRow;
            for (int j = 0; j < row; j++) out.data[yo + j] = x.data[xo + j] * mask[mo + map[j]];
        }
    }

    /**
     * {@code u >= rate ? scale : 0} without a branch (half the draws go each way: a branch
     * mispredicts on every other element): the sign of {@code u - rate}, exact for floats in
     * [0, 1] (a difference of two floats is 0 only when they are equal), selects scale's bits.
     */
    private float keep(float u) {
        int kept = (Float.floatToRawIntBits(u - rate) >>> 31) ^ 1;
        return Float.intBitsToFloat(Float.floatToRawIntBits(scale) & -kept);
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0];
        int row = map.length;
        if (elementwise()) {
            if (overwrite(0)) {
                for (int i = 0, len = n * row; i < len; i++) x.grad[x.goff + i] = out.grad[out.goff + i] * mask[i];
            } else {
                for (int i = 0, len = n * row; i < len; i++) x.grad[x.goff + i] += out.grad[out.goff + i] * mask[i];
            }
            return;
        }
        if (overwrite(0)) java.util.Arrays.fill(x.grad, x.goff, x.goff + n * row, 0f);
        for (int s = 0; s < n; s++) {
            int go = out.goff + s * row, xo = x.goff + s * row, mo = sharedOverBatch ? 0 : s * maskRow;
            for (int j = 0; j < row; j++) x.grad[xo + j] += out.grad[go + j] * mask[mo + map[j]];
        }
    }

    @Override
    protected boolean canOverwriteGrad(int i) {
        return true;
    }
}
