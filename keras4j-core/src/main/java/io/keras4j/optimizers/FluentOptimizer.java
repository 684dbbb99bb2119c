package io.keras4j.optimizers;

import io.keras4j.optimizers.schedules.LearningRateSchedule;

/**
 * {@link Optimizer}'s setters typed to return the concrete optimizer, so that
 * {@code new Adam(0.01).clipnorm(1.0).beta1(0.8)} chains. Every built-in optimizer extends it as
 * {@code class Adam extends FluentOptimizer<Adam>}; it adds no behaviour.
 *
 * @param <T> the concrete optimizer
 */
public abstract class FluentOptimizer<T extends FluentOptimizer<T>> extends Optimizer {

    protected FluentOptimizer(double defaultLearningRate) {
        super(defaultLearningRate);
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    @Override
    public T learningRate(double lr) {
        super.learningRate(lr);
        return self();
    }

    @Override
    public T learningRate(LearningRateSchedule schedule) {
        super.learningRate(schedule);
        return self();
    }

    @Override
    public T decay(double decay) {
        super.decay(decay);
        return self();
    }

    @Override
    public T clipnorm(double clipnorm) {
        super.clipnorm(clipnorm);
        return self();
    }

    @Override
    public T clipvalue(double clipvalue) {
        super.clipvalue(clipvalue);
        return self();
    }

    @Override
    public T globalClipnorm(double globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return self();
    }

    @Override
    public T weightDecay(double weightDecay) {
        super.weightDecay(weightDecay);
        return self();
    }

    @Override
    public T useEma(boolean useEma) {
        super.useEma(useEma);
        return self();
    }

    @Override
    public T emaMomentum(double emaMomentum) {
        super.emaMomentum(emaMomentum);
        return self();
    }

    @Override
    public T emaOverwriteFrequency(int steps) {
        super.emaOverwriteFrequency(steps);
        return self();
    }
}
