package io.keras4j.metrics;

import io.keras4j.NDArray;

/**
 * {@code keras.metrics.Metric}: a stateful metric. Keras's API is {@link #updateState},
 * {@link #result} and {@link #resetState}; the training loop calls {@link #update} on the
 * batch's flat buffers, which allocates nothing after the first batch. Rows are the predictions'
 * last axis ({@code c} values) and the matching targets ({@link #targetWidth} values: {@code c},
 * or 1 for class ids).
 * <pre>{@code
 * Metric m = new Precision();
 * m.updateState(yTrue, yPred);
 * double p = m.result();
 * model.compile(new Adam(), "binary_crossentropy", new Precision(), new Recall(), new AUC());
 * }</pre>
 * Mean metrics (accuracies, errors) extend {@link MeanMetricWrapper}; the confusion-matrix
 * metrics keep their own counts.
 */
public abstract class Metric {
    private String name;

    protected Metric(String name) {
        this.name = name;
    }

    /** The name it is logged under (the string given to {@code compile}, or Keras's default name). */
    public String name() {
        return name;
    }

    /** Keras's {@code name=}: the name the metric is logged under. */
    public Metric name(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("a metric name must not be empty");
        this.name = name;
        return this;
    }

    /** Target values per row for predictions of {@code c} values. */
    public int targetWidth(int c) {
        return c;
    }

    /**
     * Accumulates {@code rows} rows: targets from {@code y[yOff ..]}, predictions from
     * {@code p[pOff ..]}, {@code c} per row. Allocates nothing (after the first call). For the training loop.
     */
    public abstract void update(float[] y, int yOff, float[] p, int pOff, int rows, int c);

    /** The metric's value over everything accumulated since the last reset (0 before any update, as Keras). */
    public abstract double result();

    /** Forgets everything accumulated. */
    public abstract void reset();

    /** Keras's {@code update_state(y_true, y_pred)}: rows are {@code yPred}'s last axis. */
    public void updateState(NDArray yTrue, NDArray yPred) {
        if (yTrue == null || yPred == null) throw new IllegalArgumentException(name + ": y_true and y_pred must not be null");
        int[] ps = yPred.shape();
        int c = ps.length == 0 ? 1 : ps[ps.length - 1];
        int rows = c == 0 ? 0 : yPred.size() / c;
        if (yTrue.size() != rows * targetWidth(c)) {
            throw new IllegalArgumentException(name + ": y_true of shape " + NDArray.shapeString(yTrue.shape())
                    + " does not match y_pred of shape " + NDArray.shapeString(ps));
        }
        if (rows > 0) update(yTrue.toFloatArray(), 0, yPred.toFloatArray(), 0, rows, c);
    }

    /** Keras's {@code reset_state()}. */
    public void resetState() {
        reset();
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " name=" + name + ">";
    }
}
