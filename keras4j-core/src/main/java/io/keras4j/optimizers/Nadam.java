package io.keras4j.optimizers;

import io.keras4j.optimizers.schedules.LearningRateSchedule;

/**
 * {@code keras.optimizers.Nadam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)}: Adam
 * with Nesterov momentum.
 * <pre>
 * t = iterations + 1
 * u_t   = beta1 * (1 - 0.5 * 0.96^t)
 * u_t1  = beta1 * (1 - 0.5 * 0.96^(t+1))
 * u_product = u_product * u_t                              (once per step; starts at 1)
 * m = m + (g - m) * (1 - beta1)
 * v = v + (g^2 - v) * (1 - beta2)
 * m_hat = u_t1 * m / (1 - u_product * u_t1) + (1 - u_t) * g / (1 - u_product)
 * v_hat = v / (1 - beta2^t)
 * w -= lr * m_hat / (sqrt(v_hat) + epsilon)
 * </pre>
 */
public class Nadam extends FluentOptimizer<Nadam> {
    private double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7;
    private double uProduct = 1;

    public Nadam() {
        super(0.001);
    }

    /** {@code Nadam(learning_rate)}. */
    public Nadam(double learningRate) {
        this();
        learningRate(learningRate);
    }

    /** {@code Nadam(learning_rate=schedule)}. */
    public Nadam(LearningRateSchedule learningRate) {
        this();
        learningRate(learningRate);
    }

    @Override
    public String name() {
        return "Nadam";
    }

    /** Exponential decay rate of the first moment (default 0.9). */
    public Nadam beta1(double beta1) {
        this.beta1 = beta1;
        return this;
    }

    /** Exponential decay rate of the second moment (default 0.999). */
    public Nadam beta2(double beta2) {
        this.beta2 = beta2;
        return this;
    }

    /** Numerical stability term (default 1e-7). */
    public Nadam epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override
    protected void reset() {
        uProduct = 1;
    }

    /** {@code u_product} after {@code iterations} steps: the product of {@link #beforeUpdate}'s factors. */
    @Override
    protected void restoreIterations(long iterations) {
        uProduct = 1;
        for (long t = 1; t <= iterations; t++) beforeUpdate(t);
    }

    @Override
    protected void beforeUpdate(long t) {
        uProduct *= beta1 * (1.0 - 0.5 * Math.pow(0.96, t));
    }

    @Override
    protected int slotCount() {
        return 2;
    }

    @Override
    protected void update(float[] w, float[] g, float[][] s, int from, int to, float lr, long t) {
        double ut = beta1 * (1.0 - 0.5 * Math.pow(0.96, t)), ut1 = beta1 * (1.0 - 0.5 * Math.pow(0.96, t + 1));
        float a = (float) (ut1 / (1 - uProduct * ut1)), b = (float) ((1 - ut) / (1 - uProduct));
        float c1 = (float) (1 - beta1), c2 = (float) (1 - beta2), eps = (float) epsilon;
        float vBias = (float) (1 - Math.pow(beta2, t));
        float[] m = s[0], v = s[1];
        for (int i = from; i < to; i++) {
            float gi = g[i];
            m[i] += (gi - m[i]) * c1;
            v[i] += (gi * gi - v[i]) * c2;
            float mHat = a * m[i] + b * gi;
            w[i] -= mHat * lr / ((float) Math.sqrt(v[i] / vBias) + eps);
        }
    }
}
