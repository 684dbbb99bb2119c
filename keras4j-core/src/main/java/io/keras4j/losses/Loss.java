package io.keras4j.losses;

import io.keras4j.NDArray;
import io.keras4j.engine.ops.RowLoss;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code keras.losses.Loss}: a per-sample formula over the last axis and its gradient, reduced as
 * Keras's {@code reduction} says: {@code "sum_over_batch_size"} (default; the mean over every
 * sample, also spelled {@code "mean"}), {@code "sum"}, or {@code "none"} (one value per sample, for
 * {@link #call} only: training needs a scalar). Each subclass states its formula.
 * <pre>{@code
 * Loss bce = new BinaryCrossentropy().labelSmoothing(0.1);
 * NDArray v = bce.call(yTrue, yPred);       // keras: bce(y_true, y_pred), a 0-d array
 * }</pre>
 */
public abstract class Loss implements RowLoss {
    /** Keras's {@code epsilon()}: probabilities are clipped to {@code [EPS, 1 - EPS]}. */
    protected static final float EPS = 1e-7f;
    protected static final float ONE_MINUS_EPS = (float) (1.0 - 1e-7);

    private final String name;
    private String reduction = "sum_over_batch_size";

    protected Loss(String name) {
        this.name = name;
    }

    /** The Keras name, e.g. {@code "binary_crossentropy"}. */
    public String name() {
        return name;
    }

    /**
     * Checks targets before training: finite, and in range where the loss needs it (class ids).
     * Throws IllegalArgumentException naming the bad value.
     */
    public void validateTargets(float[] y, int predictionWidth) {
        for (int i = 0; i < y.length; i++) {
            if (!Float.isFinite(y[i])) {
                throw new IllegalArgumentException(name + ": target value " + y[i] + " at flat index " + i + " is not finite");
            }
        }
    }

    /**
     * Keras's {@code reduction}: {@code "sum_over_batch_size"} (default), {@code "mean"} (the same),
     * {@code "sum"} or {@code "none"}. Subclasses override it to return their own type.
     */
    public Loss reduction(String reduction) {
        String r = reduction == null ? "none" : reduction.toLowerCase(Locale.ROOT);
        if (r.equals("mean")) r = "sum_over_batch_size";
        if (!r.equals("sum_over_batch_size") && !r.equals("sum") && !r.equals("none")) {
            throw new IllegalArgumentException(name + ": invalid reduction '" + reduction
                    + "'; expected one of sum_over_batch_size, mean, sum, none");
        }
        this.reduction = r;
        return this;
    }

    /** The reduction: {@code "sum_over_batch_size"}, {@code "sum"} or {@code "none"}. */
    public String getReduction() {
        return reduction;
    }

    /** The sum of the row losses is divided by the number of rows, or by 1 for {@code "sum"}. */
    @Override
    public int reductionDivisor(int rows) {
        if (reduction.equals("none")) {
            throw new IllegalArgumentException(name + ": reduction 'none' gives one loss per sample; training needs"
                    + " 'sum_over_batch_size' or 'sum' (use call(yTrue, yPred) for the per-sample values)");
        }
        return reduction.equals("sum") ? 1 : rows;
    }

    /**
     * Keras's {@code loss(y_true, y_pred)}: the reduced loss as a 0-d array, or with reduction
     * {@code "none"} one value per sample, of {@code yPred}'s shape without its last axis.
     */
    public NDArray call(NDArray yTrue, NDArray yPred) {
        if (yTrue == null || yPred == null) throw new IllegalArgumentException(name + ": y_true and y_pred must not be null");
        int[] ps = yPred.shape();
        if (ps.length == 0) throw new IllegalArgumentException(name + ": y_pred must have at least one axis, got shape ()");
        int c = ps[ps.length - 1];
        int rows = c == 0 ? 0 : yPred.size() / c, tw = targetWidth(c);
        if (yTrue.size() != rows * tw) {
            throw new IllegalArgumentException(name + ": targets of shape " + NDArray.shapeString(yTrue.shape())
                    + " do not match predictions of shape " + NDArray.shapeString(ps));
        }
        float[] p = yPred.toFloatArray(), y = yTrue.toFloatArray();
        validateTargets(y, c);
        int[] rowShape = Arrays.copyOf(ps, ps.length - 1);
        if (reduction.equals("none")) {
            double[] v = new double[rows];
            rowLosses(p, y, rows, c, v);
            float[] out = new float[rows];
            for (int r = 0; r < rows; r++) out[r] = (float) v[r];
            return NDArray.of(out, rowShape);
        }
        double sum = rows == 0 ? 0 : lossSum(p, 0, y, 0, rows, c);
        return NDArray.of(new float[] {(float) (sum / reductionDivisor(Math.max(rows, 1)))});
    }

    /**
     * Each row's loss into {@code out}, as {@code lossSum} would add them. A loss whose formula
     * looks at the whole batch (the hinge losses' label conversion) overrides it.
     */
    protected void rowLosses(float[] p, float[] y, int rows, int c, double[] out) {
        int tw = targetWidth(c);
        for (int r = 0; r < rows; r++) out[r] = loss(p, r * c, y, r * tw, c);
    }

    protected static float clip(float p) {
        return Math.min(Math.max(p, EPS), ONE_MINUS_EPS); // branch-free (minss/maxss)
    }

    /** The clip's derivative: 1 inside {@code [EPS, 1-EPS]} (bounds included), else 0. */
    protected static boolean inside(float p) {
        return p >= EPS && p <= ONE_MINUS_EPS;
    }

    @Override
    public String toString() {
        return name;
    }
}
