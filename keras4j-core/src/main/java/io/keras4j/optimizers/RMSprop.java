package io.keras4j.optimizers;

import io.keras4j.optimizers.schedules.LearningRateSchedule;

/**
 * {@code keras.optimizers.RMSprop(learning_rate=0.001, rho=0.9, epsilon=1e-7)}.
 * <pre>
 * v = rho * v + (1 - rho) * g^2
 * w -= lr * g / sqrt(v + epsilon)
 * </pre>
 */
public class RMSprop extends FluentOptimizer<RMSprop> {
    private double rho = 0.9, epsilon = 1e-7;

    public RMSprop() {
        super(0.001);
    }

    /** {@code RMSprop(learning_rate)}. */
    public RMSprop(double learningRate) {
        this();
        learningRate(learningRate);
    }

    /** {@code RMSprop(learning_rate=schedule)}. */
    public RMSprop(LearningRateSchedule learningRate) {
        this();
        learningRate(learningRate);
    }

    @Override
    public String name() {
        return "RMSprop";
    }

    /** Discounting factor of the gradient history (default 0.9). */
    public RMSprop rho(double rho) {
        this.rho = rho;
        return this;
    }

    /** Numerical stability term (default 1e-7). */
    public RMSprop epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override
    protected int slotCount() {
        return 1;
    }

    @Override
    protected void update(float[] w, float[] g, float[][] s, int from, int to, float lr, long t) {
        float r = (float) rho, c = (float) (1 - rho), eps = (float) epsilon;
        float[] v = s[0];
        for (int i = from; i < to; i++) {
            float gi = g[i];
            v[i] = r * v[i] + c * gi * gi;
            w[i] -= lr * gi / (float) Math.sqrt(v[i] + eps);
        }
    }

    public double getRho() {
        return rho;
    }

    public double getEpsilon() {
        return epsilon;
    }
}
