package io.keras4j.optimizers;

import io.keras4j.optimizers.schedules.LearningRateSchedule;

/**
 * {@code keras.optimizers.SGD(learning_rate=0.01, momentum=0.0, nesterov=False)}.
 * <pre>
 * momentum == 0:  w -= lr * g
 * otherwise:      v = momentum * v - lr * g
 *                 w += v                              (nesterov: w += momentum * v - lr * g)
 * </pre>
 */
public class SGD extends FluentOptimizer<SGD> {
    private double momentum;
    private boolean nesterov;

    public SGD() {
        super(0.01);
    }

    /** {@code SGD(learning_rate)}. */
    public SGD(double learningRate) {
        this();
        learningRate(learningRate);
    }

    /** {@code SGD(learning_rate=schedule)}. */
    public SGD(LearningRateSchedule learningRate) {
        this();
        learningRate(learningRate);
    }

    @Override
    public String name() {
        return "SGD";
    }

    /** Momentum in [0, 1] (default 0). */
    public SGD momentum(double momentum) {
        if (!(momentum >= 0 && momentum <= 1)) throw new IllegalArgumentException("SGD: momentum must be in [0, 1], got " + momentum);
        this.momentum = momentum;
        return this;
    }

    /** Nesterov momentum (default false). */
    public SGD nesterov(boolean nesterov) {
        this.nesterov = nesterov;
        return this;
    }

    public double getMomentum() {
        return momentum;
    }

    public boolean isNesterov() {
        return nesterov;
    }

    @Override
    protected int slotCount() {
        return momentum == 0 ? 0 : 1;
    }

    @Override
    protected void update(float[] w, float[] g, float[][] s, int from, int to, float lr, long t) {
        if (s.length == 0) {
            for (int i = from; i < to; i++) w[i] -= lr * g[i];
            return;
        }
        float m = (float) momentum;
        float[] v = s[0];
        for (int i = from; i < to; i++) {
            float step = lr * g[i];
            v[i] = m * v[i] - step;
            w[i] += nesterov ? m * v[i] - step : v[i];
        }
    }
}
