package io.keras4j.optimizers;

/**
 * {@code keras.optimizers.RMSprop(learning_rate=0.001, rho=0.9, epsilon=1e-7)}.
 * <pre>
 * v = rho * v + (1 - rho) * g^2
 * w -= lr * g / sqrt(v + epsilon)
 * </pre>
 */
public class RMSprop extends Optimizer {
    private double rho = 0.9, epsilon = 1e-7;

    public RMSprop() {
        super(0.001);
    }

    @Override
    public String name() {
        return "RMSprop";
    }

    @Override
    public RMSprop learningRate(double lr) {
        super.learningRate(lr);
        return this;
    }

    @Override
    public RMSprop decay(double decay) {
        super.decay(decay);
        return this;
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
