package io.keras4j.engine.ops;

import io.keras4j.NDArray;
import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * A scalar loss: the mean of a {@link RowLoss} over every row of the last axis
 * (Keras's {@code sum_over_batch_size} reduction).
 * <pre>
 * forward:  loss = (1/R) * sum_r rowLoss(pred[r], target[r])     R = rows of pred (C values each)
 * backward: dpred[r] += dloss / R * d rowLoss / d pred[r]
 * </pre>
 * The sum is taken in double so that the reported loss does not depend on the batch order.
 *
 * <p>With per-sample weights (Keras's {@code sample_weight}, shape {@code (None,)}), each row's
 * loss is multiplied by its sample's weight before the same division by {@code R}, as Keras 3's
 * {@code reduce_weighted_values} does (weights do not change the divisor):
 * <pre>
 * loss = (1/R) * sum_r w[sample(r)] * rowLoss(r);   dpred[r] += dloss / R * w[sample(r)] * d rowLoss / d pred[r]
 * </pre>
 * The weights are read only while {@link #weighted(boolean)} is on.
 */
public final class LossOp extends Op {
    private final RowLoss fn;
    private final int c;
    private final Tensor weights;
    private boolean weighted;

    public LossOp(Tensor pred, Tensor target, RowLoss fn) {
        this(pred, target, null, fn);
    }

    /** @param weights per-sample weights of shape {@code (None,)}, or null for none */
    public LossOp(Tensor pred, Tensor target, Tensor weights, RowLoss fn) {
        super(new int[] {1}, weights == null ? new Tensor[] {pred, target} : new Tensor[] {pred, target, weights});
        this.weights = weights;
        this.fn = fn;
        this.c = pred.dim(-1);
        fn.reductionDivisor(1); // a loss that cannot reduce to a scalar (reduction "none") says so now
        int tw = fn.targetWidth(c);
        if (target.rowSize() * c != pred.rowSize() * tw) {
            throw new IllegalArgumentException("loss: targets of shape " + NDArray.shapeString(target.shape())
                    + " do not match predictions of shape " + NDArray.shapeString(pred.shape()));
        }
    }

    /** Whether the next calls weight the rows by the per-sample weights (needs the weights tensor). */
    public void weighted(boolean on) {
        if (on && weights == null) throw new IllegalStateException("this loss has no sample-weight input");
        this.weighted = on;
    }

    @Override
    public void forward(int n) {
        Tensor p = in[0], y = in[1];
        int rows = p.size(n) / c;
        if (!weighted) {
            out.data[out.off] = (float) (fn.lossSum(p.data, p.off, y.data, y.off, rows, c) / fn.reductionDivisor(rows));
            return;
        }
        int per = rows / n, tw = fn.targetWidth(c);
        double total = 0;
        for (int s = 0; s < n; s++) {
            float w = weights.data[weights.off + s];
            if (w != 0) total += w * fn.lossSum(p.data, p.off + s * per * c, y.data, y.off + s * per * tw, per, c);
        }
        out.data[out.off] = (float) (total / fn.reductionDivisor(rows));
    }

    @Override
    public void backward(int n) {
        Tensor p = in[0], y = in[1];
        if (!g(p)) return;
        int rows = p.size(n) / c;
        float scale = out.grad[out.goff] / fn.reductionDivisor(rows);
        if (!weighted) {
            fn.gradRows(p.data, p.off, y.data, y.off, rows, c, scale, p.grad, p.goff);
            return;
        }
        int per = rows / n, tw = fn.targetWidth(c);
        for (int s = 0; s < n; s++) {
            fn.gradRows(p.data, p.off + s * per * c, y.data, y.off + s * per * tw, per, c,
                    scale * weights.data[weights.off + s], p.grad, p.goff + s * per * c);
        }
    }
}
