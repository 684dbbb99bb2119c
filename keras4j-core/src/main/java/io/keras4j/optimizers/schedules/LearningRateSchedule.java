package io.keras4j.optimizers.schedules;

/**
 * {@code keras.optimizers.schedules.LearningRateSchedule}: the learning rate as a function of the
 * optimizer's step. Pass one to any optimizer ({@code new SGD(schedule)} or
 * {@code optimizer.learningRate(schedule)}); step {@code iterations} (0 for the first update) uses
 * {@code call(iterations)}.
 * <pre>{@code
 * class MyLRSchedule extends LearningRateSchedule {
 *     public double call(long step) { return 0.1 / (step + 1); }
 * }
 * }</pre>
 * Implementations must not allocate in {@code call}: it runs on every training step.
 */
public abstract class LearningRateSchedule implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** The learning rate of optimizer step {@code step} (0-based). */
    public abstract double call(long step);

    static void requirePositive(String schedule, String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(schedule + ": argument " + what + " must be > 0, got " + v);
        }
    }
}
