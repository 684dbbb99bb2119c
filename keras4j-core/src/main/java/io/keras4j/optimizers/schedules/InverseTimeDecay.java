package io.keras4j.optimizers.schedules;

/**
 * {@code keras.optimizers.schedules.InverseTimeDecay(initial_learning_rate, decay_steps, decay_rate, staircase=False)}.
 * <pre>
 * p = step / decay_steps              (staircase: floor(step / decay_steps))
 * lr = initial_learning_rate / (1 + decay_rate * p)
 * </pre>
 */
public class InverseTimeDecay extends LearningRateSchedule {
    private final double initialLearningRate, decayRate;
    private final double decaySteps;
    private boolean staircase;

    public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate) {
        requirePositive("InverseTimeDecay", "decay_steps", decaySteps);
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
        this.decayRate = decayRate;
    }

    /** Decays at discrete intervals (floor of {@code step / decay_steps}, default false). */
    public InverseTimeDecay staircase(boolean staircase) {
        this.staircase = staircase;
        return this;
    }

    @Override
    public double call(long step) {
        double p = step / decaySteps;
        if (staircase) p = Math.floor(p);
        return initialLearningRate / (1 + decayRate * p);
    }
}
