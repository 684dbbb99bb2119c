package io.keras4j.optimizers.schedules;

import java.util.Arrays;

/**
 * {@code keras.optimizers.schedules.PiecewiseConstantDecay(boundaries, values)}.
 * <pre>
 * lr = values[0]      if step &lt;= boundaries[0]
 *      values[i]      if boundaries[i-1] &lt; step &lt;= boundaries[i]
 *      values[n]      if step &gt; boundaries[n-1]              (n = len(boundaries) = len(values) - 1)
 * </pre>
 */
public class PiecewiseConstantDecay extends LearningRateSchedule {
    private final long[] boundaries;
    private final double[] values;

    public PiecewiseConstantDecay(long[] boundaries, double[] values) {
        if (boundaries == null || values == null || boundaries.length != values.length - 1) {
            throw new IllegalArgumentException("PiecewiseConstantDecay: the length of boundaries should be 1 less than the length"
                    + " of values; got boundaries=" + Arrays.toString(boundaries) + " and values=" + Arrays.toString(values));
        }
        for (int i = 1; i < boundaries.length; i++) {
            if (boundaries[i] <= boundaries[i - 1]) {
                throw new IllegalArgumentException("PiecewiseConstantDecay: boundaries must be strictly increasing, got "
                        + Arrays.toString(boundaries));
            }
        }
        this.boundaries = boundaries.clone();
        this.values = values.clone();
    }

    @Override
    public double call(long step) {
        int i = 0;
        while (i < boundaries.length && step > boundaries[i]) i++;
        return values[i];
    }
}
