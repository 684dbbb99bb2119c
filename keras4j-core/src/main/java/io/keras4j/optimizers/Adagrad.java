package io.keras4j.optimizers;

import io.keras4j.optimizers.schedules.LearningRateSchedule;

/**
 * {@code keras.optimizers.Adagrad(learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7)}.
 * <pre>
 * acc += g^2
 * w -= lr * g / sqrt(acc + epsilon)
 * </pre>
 */
public class Adagrad extends FluentOptimizer<Adagrad> {
    private double initialAccumulatorValue = 0.1, epsilon = 1e-7;

    public Adagrad() {
        super(0.001);
    }

    /** {@code Adagrad(learning_rate)}. */
    public Adagrad(double learningRate) {
        this();
        learningRate(learningRate);
    }

    /** {@code Adagrad(learning_rate=schedule)}. */
    public Adagrad(LearningRateSchedule learningRate) {
        this();
        learningRate(learningRate);
    }

    @Override
    public String name() {
        return "Adagrad";
    }

    /** Starting value of the accumulator (default 0.1). */
    public Adagrad initialAccumulatorValue(double v) {
        if (!(v >= 0)) throw new IllegalArgumentException("Adagrad: initial_accumulator_value must be >= 0, got " + v);
        this.initialAccumulatorValue = v;
        return this;
    }

    /** Numerical stability term (default 1e-7). */
    public Adagrad epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override
    protected int slotCount() {
        return 1;
    }

    @Override
    protected float slotInitialValue(int s) {
        return (float) initialAccumulatorValue;
    }

    @Override
    protected void update(float[] w, float[] g, float[][] s, int from, int to, float lr, long t) {
        float eps = (float) epsilon;
        float[] acc = s[0];
        for (int i = from; i < to; i++) {
            float gi = g[i];
            acc[i] += gi * gi;
            w[i] -= lr * gi / (float) Math.sqrt(acc[i] + eps);
        }
    }

    public double getInitialAccumulatorValue() {
        return initialAccumulatorValue;
    }

    public double getEpsilon() {
        return epsilon;
    }
}
