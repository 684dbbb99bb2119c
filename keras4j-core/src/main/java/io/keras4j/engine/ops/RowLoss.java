package io.keras4j.engine.ops;

/**
 * A per-sample loss over the last axis, with its gradient; {@link LossOp} reduces it with
 * Keras's {@code sum_over_batch_size} (the mean over all rows) or, as the loss says, {@code sum}.
 */
public interface RowLoss {
    /** The loss of one row: predictions {@code p[po .. po+c)}, targets at {@code y[yo ..]}. */
    double loss(float[] p, int po, float[] y, int yo, int c);

    /** Adds {@code scale * d loss / d p} for one row into {@code dp[dpo .. dpo+c)}. */
    void grad(float[] p, int po, float[] y, int yo, int c, float scale, float[] dp, int dpo);

    /** The sum of the row losses of {@code rows} consecutive rows. Element-wise losses override it with one flat loop. */
    default double lossSum(float[] p, int po, float[] y, int yo, int rows, int c) {
        int tw = targetWidth(c);
        double total = 0;
        for (int r = 0; r < rows; r++) total += loss(p, po + r * c, y, yo + r * tw, c);
        return total;
    }

    /** {@link #grad} for {@code rows} consecutive rows. */
    default void gradRows(float[] p, int po, float[] y, int yo, int rows, int c, float scale, float[] dp, int dpo) {
        int tw = targetWidth(c);
        for (int r = 0; r < rows; r++) grad(p, po + r * c, y, yo + r * tw, c, scale, dp, dpo + r * c);
    }

    /**
     * Keras's reduction of the summed row losses: the divisor of the sum, {@code rows} for
     * {@code sum_over_batch_size} (the default), 1 for {@code sum}.
     */
    default int reductionDivisor(int rows) {
        return rows;
    }

    /** Target values per row for predictions of {@code c} classes: {@code c}, or 1 for sparse labels. */
    default int targetWidth(int c) {
        return c;
    }
}
