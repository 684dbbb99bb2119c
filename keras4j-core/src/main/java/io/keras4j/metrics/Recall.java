package io.keras4j.metrics;

/**
 * {@code keras.metrics.Recall(thresholds=None, top_k=None, class_id=None)}:
 * {@code tp / (tp + fn)}, 0 when there was no positive target. Predictions are probabilities,
 * positive above the threshold (default 0.5); see {@link ConfusionCounts} for {@code topK} and
 * {@code classId}.
 */
public class Recall extends ConfusionCounts {

    public Recall() {
        super("recall");
    }

    /** The decision threshold (Keras's {@code thresholds}, a single value here; default 0.5). */
    public Recall thresholds(double threshold) {
        setThreshold(threshold);
        return this;
    }

    /** Counts only the row's k largest predictions as positive. */
    public Recall topK(int k) {
        setTopK(k);
        return this;
    }

    /** Counts only this column (class). */
    public Recall classId(int classId) {
        setClassId(classId);
        return this;
    }

    @Override
    public double result() {
        return tp + fn == 0 ? 0 : tp / (tp + fn);
    }
}
