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
 */
public final class LossOp extends Op {
    private final RowLoss fn;
    private final int c;

    public LossOp(Tensor pred, Tensor target, RowLoss fn) {
        super(new int[] {1}, pred, target);
        this.fn = fn;
        this.c = pred.dim(-1);
        fn.reductionDivisor(1); // a loss that cannot reduce to a scalar (reduction "none") says so now
        int tw = fn.targetWidth(c);
        if (target.rowSize() * c != pred.rowSize() * tw) {
            throw new IllegalArgumentException("loss: targets of shape " + NDArray.shapeString(target.shape())
                    + " do not match predictions of shape " + NDArray.shapeString(pred.shape()));
        }
    }

    @Override
    public void forward(int n) {
        Tensor p = in[0], y = in[1];
        int rows = p.size(n) / c;
        out.data[out.off] = (float) (fn.lossSum(p.data, p.off, y.data, y.off, rows, c) / fn.reductionDivisor(rows));
    }

    @Override
    public void backward(int n) {
        Tensor p = in[0], y = in[1];
        if (!g(p)) return;
        int rows = p.size(n) / c;
        float scale = out.grad[out.goff] / fn.reductionDivisor(rows);
        fn.gradRows(p.data, p.off, y.data, y.off, rows, c, scale, p.grad, p.goff);
    }
}
