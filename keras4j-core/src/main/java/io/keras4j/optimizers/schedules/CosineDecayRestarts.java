package io.keras4j.optimizers.schedules;

/**
 * {@code keras.optimizers.schedules.CosineDecayRestarts(initial_learning_rate, first_decay_steps,
 * t_mul=2.0, m_mul=1.0, alpha=0.0)} (SGDR): a cosine decay restarted after each period, period
 * {@code i} lasting {@code t_mul^i * first_decay_steps} steps and starting at {@code m_mul^i} times
 * the initial rate.
 * <pre>
 * f = step / first_decay_steps
 * t_mul == 1:  i = floor(f);  f = f - i
 * otherwise:   i = floor(log(1 - f * (1 - t_mul)) / log(t_mul))
 *              f = (f - (1 - t_mul^i) / (1 - t_mul)) / t_mul^i
 * lr = initial_learning_rate * ((1 - alpha) * 0.5 * m_mul^i * (1 + cos(pi * f)) + alpha)
 * </pre>
 */
public class CosineDecayRestarts extends LearningRateSchedule {
    private final double initialLearningRate;
    private final long firstDecaySteps;
    private double tMul = 2.0, mMul = 1.0, alpha;

    public CosineDecayRestarts(double initialLearningRate, long firstDecaySteps) {
        requirePositive("CosineDecayRestarts", "first_decay_steps", firstDecaySteps);
        this.initialLearningRate = initialLearningRate;
        this.firstDecaySteps = firstDecaySteps;
    }

    /** Each period lasts {@code tMul} times the previous one (default 2). */
    public CosineDecayRestarts tMul(double tMul) {
        this.tMul = tMul;
        return this;
    }

    /** Each period starts at {@code mMul} times the previous one's rate (default 1). */
    public CosineDecayRestarts mMul(double mMul) {
        this.mMul = mMul;
        return this;
    }

    /** The minimum learning rate as a fraction of the initial one (default 0). */
    public CosineDecayRestarts alpha(double alpha) {
        this.alpha = alpha;
        return this;
    }

    @Override
    public double call(long step) {
        double f = (double) step / firstDecaySteps, i;
        if (tMul == 1.0) {
            i = Math.floor(f);
            f -= i;
        } else {
            i = Math.floor(Math.log(1.0 - f * (1.0 - tMul)) / Math.log(tMul));
            double sumR = (1.0 - Math.pow(tMul, i)) / (1.0 - tMul);
            f = (f - sumR) / Math.pow(tMul, i);
        }
        double cosine = 0.5 * Math.pow(mMul, i) * (1.0 + Math.cos(Math.PI * f));
        return initialLearningRate * ((1 - alpha) * cosine + alpha);
    }
}
