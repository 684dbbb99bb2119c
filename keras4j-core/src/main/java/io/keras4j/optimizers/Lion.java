package io.keras4j.optimizers;

import io.keras4j.optimizers.schedules.LearningRateSchedule;

/**
 * {@code keras.optimizers.Lion(learning_rate=0.001, beta_1=0.9, beta_2=0.99)}: the sign of an
 * interpolation of momentum and gradient.
 * <pre>
 * w -= lr * sign(beta1 * m + (1 - beta1) * g)
 * m = beta2 * m + (1 - beta2) * g
 * </pre>
 */
public class Lion extends FluentOptimizer<Lion> {
    private double beta1 = 0.9, beta2 = 0.99;

    public Lion() {
        super(0.001);
    }

    /** {@code Lion(learning_rate)}. */
    public Lion(double learningRate) {
        this();
        learningRate(learningRate);
    }

    /** {@code Lion(learning_rate=schedule)}. */
    public Lion(LearningRateSchedule learningRate) {
        this();
        learningRate(learningRate);
    }

    @Override
    public String name() {
        return "Lion";
    }

    /** The rate combining the momentum and the gradient, in (0, 1] (default 0.9). */
    public Lion beta1(double beta1) {
        if (!(beta1 > 0 && beta1 <= 1)) {
            throw new IllegalArgumentException("Lion: beta_1 must be in the (0, 1] range, otherwise the optimizer degenerates"
                    + " to SignSGD; got " + beta1);
        }
        this.beta1 = beta1;
        return this;
    }

    /** Exponential decay rate of the momentum (default 0.99). */
    public Lion beta2(double beta2) {
        this.beta2 = beta2;
        return this;
    }

    @Override
    protected int slotCount() {
        return 1;
    }

    @Override
    protected void update(float[] w, float[] g, float[][] s, int from, int to, float lr, long t) {
        float b1 = (float) beta1, c1 = (float) (1 - beta1), b2 = (float) beta2, c2 = (float) (1 - beta2);
        float[] m = s[0];
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float c = m[i] * b1 + gi * c1;
            // lr * sign(c) with sign(0) = 0: copySign has no branch on the (random) sign; c == 0 is rare and predicted
            w[i] -= c == 0f ? 0f : Math.copySign(lr, c);
            m[i] = m[i] * b2 + gi * c2;
        }
    }
}
