package io.keras4j.engine.ops;

/**
 * A scalar function of a tensor's values and its gradient, for {@link Penalty} (the regularizers
 * implement it).
 */
public interface PenaltyFn {
    /** The penalty of {@code w[off .. off+len)}. */
    double value(float[] w, int off, int len);

    /** {@code g[goff + i] += scale * d penalty / d w[off + i]} for i in [0, len). */
    void addGradient(float[] w, int off, int len, float scale, float[] g, int goff);
}
