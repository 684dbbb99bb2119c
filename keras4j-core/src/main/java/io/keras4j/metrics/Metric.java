package io.keras4j.metrics;

/**
 * {@code keras.metrics.Metric} of the mean kind ({@code MeanMetricWrapper}): a per-row value
 * averaged over every row seen since the last {@link #reset}. Rows are the predictions' last
 * axis ({@code c} values) and the matching targets ({@code tw} values: {@code c}, or 1 for labels).
 */
public abstract class Metric {
    private final String name;
    private double total;
    private long count;

    protected Metric(String name) {
        this.name = name;
    }

    /** The name it is logged under (the string given to {@code compile}). */
    public String name() {
        return name;
    }

    /** The metric's value for one row. */
    protected abstract double row(float[] y, int yo, float[] p, int po, int c);

    /** Target values per row for predictions of {@code c} values. */
    public int targetWidth(int c) {
        return c;
    }

    /** Accumulates {@code rows} rows. Allocates nothing. */
    public final void update(float[] y, int yOff, float[] p, int pOff, int rows, int c) {
        int tw = targetWidth(c);
        double sum = 0; // the batch first: one long chain of dependent adds into the field costs more
        for (int r = 0; r < rows; r++) sum += row(y, yOff + r * tw, p, pOff + r * c, c);
        total += sum;
        count += rows;
    }

    /** The mean so far (0 before any update, as Keras). */
    public final double result() {
        return count == 0 ? 0.0 : total / count;
    }

    public final void reset() {
        total = 0;
        count = 0;
    }
}
