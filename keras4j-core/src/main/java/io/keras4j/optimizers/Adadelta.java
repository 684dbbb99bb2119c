package io.keras4j.optimizers;

import io.keras4j.optimizers.schedules.LearningRateSchedule;

/**
 * {@code keras.optimizers.Adadelta(learning_rate=0.001, rho=0.95, epsilon=1e-7)}.
 * <pre>
 * acc_g = rho * acc_g + (1 - rho) * g^2
 * delta = -sqrt(acc_delta + epsilon) * g / sqrt(acc_g + epsilon)
 * acc_delta = rho * acc_delta + (1 - rho) * delta^2
 * w += lr * delta
 * </pre>
 */
public class Adadelta extends FluentOptimizer<Adadelta> {
    private double rho = 0.95, epsilon = 1e-7;

    public Adadelta() {
        super(0.001);
    }

    /** {@code Adadelta(learning_rate)}. */
    public Adadelta(double learningRate) {
        this();
        learningRate(learningRate);
    }

    /** {@code Adadelta(learning_rate=schedule)}. */
    public Adadelta(LearningRateSchedule learningRate) {
        this();
        learningRate(learningRate);
    }

    @Override
    public String name() {
        return "Adadelta";
    }

    /** Decay rate of the accumulators (default 0.95). */
    public Adadelta rho(double rho) {
        this.rho = rho;
        return this;
    }

    /** Numerical stability term (default 1e-7). */
    public Adadelta epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override
    protected int slotCount() {
        return 2;
    }

    @Override
    protected void update(float[] w, float[] g, float[][] s, int from, int to, float lr, long t) {
        float r = (float) rho, c = (float) (1 - rho), eps = (float) epsilon;
        float[] accG = s[0], accD = s[1];
        for (int i = from; i < to; i++) {
            float gi = g[i];
            accG[i] = r * accG[i] + c * gi * gi;
            float delta = -((float) Math.sqrt(accD[i] + eps) * gi) / (float) Math.sqrt(accG[i] + eps);
            accD[i] = r * accD[i] + c * delta * delta;
            w[i] += lr * delta;
        }
    }
}
