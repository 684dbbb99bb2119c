package io.keras4j.optimizers;

import io.keras4j.optimizers.schedules.LearningRateSchedule;

/**
 * {@code keras.optimizers.Adamax(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)}:
 * Adam with the infinity norm.
 * <pre>
 * m = m + (g - m) * (1 - beta1)
 * u = max(beta2 * u, |g|)
 * w -= lr * m / ((1 - beta1^t) * (u + epsilon))          t = iterations + 1
 * </pre>
 */
public class Adamax extends FluentOptimizer<Adamax> {
    private double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7;

    public Adamax() {
        super(0.001);
    }

    /** {@code Adamax(learning_rate)}. */
    public Adamax(double learningRate) {
        this();
        learningRate(learningRate);
    }

    /** {@code Adamax(learning_rate=schedule)}. */
    public Adamax(LearningRateSchedule learningRate) {
        this();
        learningRate(learningRate);
    }

    @Override
    public String name() {
        return "Adamax";
    }

    /** Exponential decay rate of the first moment (default 0.9). */
    public Adamax beta1(double beta1) {
        this.beta1 = beta1;
        return this;
    }

    /** Exponential decay rate of the second moment (default 0.999). */
    public Adamax beta2(double beta2) {
        this.beta2 = beta2;
        return this;
    }

    /** Numerical stability term (default 1e-7). */
    public Adamax epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override
    protected int slotCount() {
        return 2;
    }

    @Override
    protected void update(float[] w, float[] g, float[][] s, int from, int to, float lr, long t) {
        float c1 = (float) (1 - beta1), b2 = (float) beta2, eps = (float) epsilon;
        float bias = (float) (1 - Math.pow(beta1, t));
        float[] m = s[0], u = s[1];
        for (int i = from; i < to; i++) {
            float gi = g[i];
            m[i] += (gi - m[i]) * c1;
            u[i] = Math.max(b2 * u[i], Math.abs(gi));
            w[i] -= lr * m[i] / (bias * (u[i] + eps));
        }
    }
}
