package io.keras4j.metrics;

/**
 * {@code keras.metrics.MeanMetricWrapper}: a per-row value averaged over every row seen since the
 * last {@link #reset}. Subclasses write the row's value.
 */
public abstract class MeanMetricWrapper extends Metric {
    private double total;
    private long count;

    protected MeanMetricWrapper(String name) {
        super(name);
    }

    /** The metric's value for one row. */
    protected abstract double row(float[] y, int yo, float[] p, int po, int c);

    @Override
    public final void update(float[] y, int yOff, float[] p, int pOff, int rows, int c) {
        int tw = targetWidth(c);
        double sum = 0; // the batch first: one long chain of dependent adds into the field costs more
        for (int r = 0; r < rows; r++) sum += row(y, yOff + r * tw, p, pOff + r * c, c);
        total += sum;
        count += rows;
    }

    /** The mean so far (0 before any update, as Keras). */
    @Override
    public double result() {
        return count == 0 ? 0.0 : total / count;
    }

    @Override
    public final void reset() {
        total = 0;
        count = 0;
    }
}
