package io.keras4j.optimizers.schedules;

/**
 * {@code keras.optimizers.schedules.CosineDecay(initial_learning_rate, decay_steps, alpha=0.0,
 * warmup_target=None, warmup_steps=0)}: an optional linear warm-up, then a cosine decay.
 * <pre>
 * no warmup_target:  step = min(step, decay_steps)
 *                    lr = initial_learning_rate * decayed(step)
 * warmup_target:     step = min(step, decay_steps + warmup_steps)
 *                    step &lt; warmup_steps:  lr = (warmup_target - initial_learning_rate) * step / warmup_steps
 *                                                + initial_learning_rate
 *                    otherwise:             lr = warmup_target * decayed(step - warmup_steps)
 * decayed(s) = (1 - alpha) * 0.5 * (1 + cos(pi * s / decay_steps)) + alpha
 * </pre>
 */
public class CosineDecay extends LearningRateSchedule {
    private final double initialLearningRate;
    private final long decaySteps;
    private double alpha;
    private double warmupTarget = Double.NaN;
    private long warmupSteps;

    public CosineDecay(double initialLearningRate, long decaySteps) {
        requirePositive("CosineDecay", "decay_steps", decaySteps);
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
    }

    /** The final learning rate as a fraction of the decay's starting rate (default 0). */
    public CosineDecay alpha(double alpha) {
        this.alpha = alpha;
        return this;
    }

    /** The learning rate reached by the linear warm-up; the decay then starts from it (default: no warm-up). */
    public CosineDecay warmupTarget(double warmupTarget) {
        this.warmupTarget = warmupTarget;
        return this;
    }

    /** The number of warm-up steps (default 0). */
    public CosineDecay warmupSteps(long warmupSteps) {
        if (warmupSteps < 0) throw new IllegalArgumentException("CosineDecay: warmup_steps must be >= 0, got " + warmupSteps);
        this.warmupSteps = warmupSteps;
        return this;
    }

    @Override
    public double call(long step) {
        if (Double.isNaN(warmupTarget)) return initialLearningRate * decayed(Math.min(step, decaySteps));
        double s = Math.min(step, decaySteps + warmupSteps);
        if (s < warmupSteps) return (warmupTarget - initialLearningRate) * (s / warmupSteps) + initialLearningRate;
        return warmupTarget * decayed(s - warmupSteps);
    }

    private double decayed(double s) {
        double cosine = 0.5 * (1.0 + Math.cos(Math.PI * (s / decaySteps)));
        return (1 - alpha) * cosine + alpha;
    }
}
