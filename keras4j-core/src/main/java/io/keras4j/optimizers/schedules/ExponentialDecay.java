package io.keras4j.optimizers.schedules;

/**
 * {@code keras.optimizers.schedules.ExponentialDecay(initial_learning_rate, decay_steps, decay_rate, staircase=False)}.
 * <pre>
 * p = step / decay_steps              (staircase: floor(step / decay_steps))
 * lr = initial_learning_rate * decay_rate ^ p
 * </pre>
 */
public class ExponentialDecay extends LearningRateSchedule {
    private final double initialLearningRate, decayRate;
    private final long decaySteps;
    private boolean staircase;

    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate) {
        requirePositive("ExponentialDecay", "decay_steps", decaySteps);
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
        this.decayRate = decayRate;
    }

    /** Decays at discrete intervals (integer division of the step, default false). */
    public ExponentialDecay staircase(boolean staircase) {
        this.staircase = staircase;
        return this;
    }

    @Override
    public double call(long step) {
        double p = (double) step / decaySteps;
        if (staircase) p = Math.floor(p);
        return initialLearningRate * Math.pow(decayRate, p);
    }
}
