package io.keras4j.metrics;

/**
 * {@code keras.metrics.Precision(thresholds=None, top_k=None, class_id=None)}:
 * {@code tp / (tp + fp)}, 0 when nothing was predicted positive. Predictions are probabilities,
 * positive above the threshold (default 0.5); see {@link ConfusionCounts} for {@code topK} and
 * {@code classId}.
 */
public class Precision extends ConfusionCounts {

    public Precision() {
        super("precision");
    }

    /** The decision threshold (Keras's {@code thresholds}, a single value here; default 0.5). */
    public Precision thresholds(double threshold) {
        setThreshold(threshold);
        return this;
    }

    /** Counts only the row's k largest predictions as positive. */
    public Precision topK(int k) {
        setTopK(k);
        return this;
    }

    /** Counts only this column (class). */
    public Precision classId(int classId) {
        setClassId(classId);
        return this;
    }

    @Override
    public double result() {
        return tp + fp == 0 ? 0 : tp / (tp + fp);
    }
}
