package io.keras4j.optimizers;

import io.keras4j.engine.kernels.Kernels;
import io.keras4j.engine.kernels.KernelsProvider;
import io.keras4j.optimizers.schedules.LearningRateSchedule;

/**
 * {@code keras.optimizers.Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)}.
 * <pre>
 * m = beta1 * m + (1 - beta1) * g
 * v = beta2 * v + (1 - beta2) * g^2
 * a = lr * sqrt(1 - beta2^t) / (1 - beta1^t)           t = iterations + 1
 * w -= a * m / (sqrt(v) + epsilon)
 * </pre>
 */
public class Adam extends FluentOptimizer<Adam> {
    private static final Kernels K = KernelsProvider.get();
    private double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7;

    public Adam() {
        super(0.001);
    }

    /** {@code Adam(learning_rate)}. */
    public Adam(double learningRate) {
        this();
        learningRate(learningRate);
    }

    /** {@code Adam(learning_rate=schedule)}. */
    public Adam(LearningRateSchedule learningRate) {
        this();
        learningRate(learningRate);
    }

    @Override
    public String name() {
        return "Adam";
    }

    /** Exponential decay of the first moment (default 0.9). */
    public Adam beta1(double beta1) {
        this.beta1 = beta1;
        return this;
    }

    /** Exponential decay of the second moment (default 0.999). */
    public Adam beta2(double beta2) {
        this.beta2 = beta2;
        return this;
    }

    /** Numerical stability term (default 1e-7). */
    public Adam epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override
    protected int slotCount() {
        return 2;
    }

    @Override
    protected void update(float[] w, float[] g, float[][] s, int from, int to, float lr, long t) {
        float a = (float) (lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
        float b1 = (float) beta1, b2 = (float) beta2, c1 = (float) (1 - beta1), c2 = (float) (1 - beta2), eps = (float) epsilon;
        K.adam(from, to, w, g, s[0], s[1], a, b1, b2, c1, c2, eps);
    }

    public double getBeta1() {
        return beta1;
    }

    public double getBeta2() {
        return beta2;
    }

    public double getEpsilon() {
        return epsilon;
    }
}
