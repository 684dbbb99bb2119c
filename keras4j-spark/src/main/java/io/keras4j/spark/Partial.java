package io.keras4j.spark;

import java.io.Serializable;

/**
 * The sums one or more partitions contribute to a step: the loss gradient summed over their rows
 * (in double within a partition, shipped and added across partitions in float: the gradient of a
 * model of a million weights is 4 MB a partition, not 8, and fit's own gradient is float),
 * the loss and metric sums and the row count. Adding partials is the {@code combOp} of the step's
 * {@code treeAggregate}; the driver divides by the rows at the end. Arrays stay null until a
 * partition with rows of the batch fills them (an empty zero value is cheap to ship).
 */
final class Partial implements Serializable {
    private static final long serialVersionUID = 1L;

    float[] grad;
    double loss;
    double[] metrics;
    long rows;

    /** Adds {@code o} into this and returns this. */
    Partial add(Partial o) {
        if (o.rows == 0) return this;
        if (rows == 0) return o;
        if (grad != null) for (int i = 0; i < grad.length; i++) grad[i] += o.grad[i];
        for (int i = 0; i < metrics.length; i++) metrics[i] += o.metrics[i];
        loss += o.loss;
        rows += o.rows;
        return this;
    }
}
