package io.keras4j.optimizers.schedules;

/**
 * {@code keras.optimizers.schedules.PolynomialDecay(initial_learning_rate, decay_steps,
 * end_learning_rate=0.0001, power=1.0, cycle=False)}.
 * <pre>
 * cycle == false:  step = min(step, decay_steps)
 * cycle == true:   decay_steps = decay_steps * (step == 0 ? 1 : ceil(step / decay_steps))
 * lr = (initial_learning_rate - end_learning_rate) * (1 - step / decay_steps) ^ power + end_learning_rate
 * </pre>
 */
public class PolynomialDecay extends LearningRateSchedule {
    private final double initialLearningRate;
    private final long decaySteps;
    private double endLearningRate = 0.0001, power = 1.0;
    private boolean cycle;

    public PolynomialDecay(double initialLearningRate, long decaySteps) {
        requirePositive("PolynomialDecay", "decay_steps", decaySteps);
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
    }

    /** The learning rate reached after {@code decaySteps} (default 0.0001). */
    public PolynomialDecay endLearningRate(double endLearningRate) {
        this.endLearningRate = endLearningRate;
        return this;
    }

    /** The power of the polynomial (default 1). */
    public PolynomialDecay power(double power) {
        this.power = power;
        return this;
    }

    /** Restarts beyond {@code decaySteps} with the next multiple of it (default false). */
    public PolynomialDecay cycle(boolean cycle) {
        this.cycle = cycle;
        return this;
    }

    @Override
    public double call(long step) {
        double s = step, d = decaySteps;
        if (cycle) d *= step == 0 ? 1 : Math.ceil(s / decaySteps);
        else s = Math.min(s, d);
        return (initialLearningRate - endLearningRate) * Math.pow(1 - s / d, power) + endLearningRate;
    }
}
