package io.keras4j.engine.ops;

import io.keras4j.NDArray;
import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * A scalar loss over predictions that carry a step mask (Embedding {@code mask_zero} or Masking
 * through {@code return_sequences}), as Keras 3's {@code Loss.__call__}: the mask
 * {@code m (n, T)}, one value per row of {@code pred (n, T, C)}, joins the per-sample weights
 * ({@code apply_mask}), and for {@code sum_over_batch_size} the masked steps also leave the divisor:
 * <pre>
 * valid = sum_r m[r]
 * loss  = sum_r w[sample(r)] * m[r] * rowLoss(r) / valid      (0 when valid = 0: divide_no_nan)
 * dpred[r] += dloss * w[sample(r)] * m[r] / valid * d rowLoss(r) / d pred[r]
 * </pre>
 * {@code w} is 1 unless {@link #weighted(boolean)} is on; with the {@code sum} reduction the
 * divisor is 1 ({@link RowLoss#reductionDivisor}). The mask takes no gradient. Sums in double, as
 * {@link LossOp}.
 */
public final class MaskedLossOp extends Op {
    private final RowLoss fn;
    private final int c;
    private final Tensor weights, mask;
    private boolean weighted;
    /** The divisor of the last forward (0: no valid step, the loss and its gradient are 0). */
    private int divisor;

    /**
     * @param weights per-sample weights {@code (None,)}, read while {@link #weighted(boolean)} is on
     * @param mask    {@code (None, ...)} with one value per row of {@code pred} (1 keeps the row, 0 drops it)
     */
    public MaskedLossOp(Tensor pred, Tensor target, Tensor weights, Tensor mask, RowLoss fn) {
        super(new int[] {1}, pred, target, weights, mask);
        this.weights = weights;
        this.mask = mask;
        this.fn = fn;
        this.c = pred.dim(-1);
        fn.reductionDivisor(1); // a loss that cannot reduce to a scalar (reduction "none") says so now
        int tw = fn.targetWidth(c);
        if (target.rowSize() * c != pred.rowSize() * tw) {
            throw new IllegalArgumentException("loss: targets of shape " + NDArray.shapeString(target.shape())
                    + " do not match predictions of shape " + NDArray.shapeString(pred.shape()));
        }
        if (mask.rowSize() * c != pred.rowSize()) {
            throw new IllegalArgumentException("loss: a mask of shape " + NDArray.shapeString(mask.shape())
                    + " does not give one value per step of predictions of shape " + NDArray.shapeString(pred.shape()));
        }
    }

    /** Whether the next calls weight the rows by the per-sample weights. */
    public void weighted(boolean on) {
        this.weighted = on;
    }

    @Override
    public void forward(int n) {
        Tensor p = in[0], y = in[1];
        int rows = p.size(n) / c, per = rows / n, tw = fn.targetWidth(c);
        double total = 0;
        int valid = 0;
        for (int s = 0; s < n; s++) {
            float w = weighted ? weights.data[weights.off + s] : 1f;
            double sample = 0;
            for (int t = 0; t < per; t++) {
                int r = s * per + t;
                float m = mask.data[mask.off + r];
                if (m == 0f) continue;
                valid++;
                if (w != 0f) sample += m * fn.loss(p.data, p.off + r * c, y.data, y.off + r * tw, c);
            }
            total += w * sample;
        }
        divisor = valid == 0 ? 0 : fn.reductionDivisor(valid);
        out.data[out.off] = divisor == 0 ? 0f : (float) (total / divisor);
    }

    @Override
    public void backward(int n) {
        Tensor p = in[0], y = in[1];
        if (!g(p) || divisor == 0) return;
        int rows = p.size(n) / c, per = rows / n, tw = fn.targetWidth(c);
        float scale = out.grad[out.goff] / divisor;
        for (int s = 0; s < n; s++) {
            float w = weighted ? weights.data[weights.off + s] : 1f;
            for (int t = 0; t < per; t++) {
                int r = s * per + t;
                float m = mask.data[mask.off + r];
                if (m != 0f) fn.grad(p.data, p.off + r * c, y.data, y.off + r * tw, c, scale * w * m, p.grad, p.goff + r * c);
            }
        }
    }
}
