package io.keras4j.optimizers;

import java.util.Arrays;

/**
 * {@code keras.optimizers.Optimizer}: the base of every optimizer. A subclass declares its
 * slots and writes its update rule; the learning-rate schedule lives here, once:
 * Keras 2's {@code decay} gives {@code lr_t = lr / (1 + decay * iterations)}, with
 * {@code iterations} counted before the step (the first step uses {@code lr}).
 *
 * <p>The rule is applied to whole parameter arenas: every weight of the model lies in one
 * {@code float[]}, its gradient in another of the same layout, each slot in a third. All rules
 * here are element-wise, so one pass over the arena equals Keras's per-variable updates.
 */
public abstract class Optimizer {
    private double learningRate;
    private double decay;
    private long iterations;
    private float[][] slots = new float[0][];

    protected Optimizer(double defaultLearningRate) {
        this.learningRate = defaultLearningRate;
    }

    /** The Keras name, e.g. {@code "SGD"}. */
    public abstract String name();

    /** The learning rate (Keras default: 0.01 for SGD, 0.001 for the others). */
    public Optimizer learningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) throw new IllegalArgumentException(name() + ": learning_rate must be >= 0, got " + lr);
        this.learningRate = lr;
        return this;
    }

    /** Keras 2's time-based decay: {@code lr / (1 + decay * iterations)} (default 0). */
    public Optimizer decay(double decay) {
        if (!(decay >= 0) || Double.isInfinite(decay)) throw new IllegalArgumentException(name() + ": decay must be >= 0, got " + decay);
        this.decay = decay;
        return this;
    }

    public double getLearningRate() {
        return learningRate;
    }

    public double getDecay() {
        return decay;
    }

    /** The number of updates applied so far ({@code optimizer.iterations}). */
    public long iterations() {
        return iterations;
    }

    /** How many slot arrays (momentums, velocities, ...) the rule needs per parameter. */
    protected abstract int slotCount();

    /** The initial value of slot {@code s} (0 unless the rule says otherwise, as Adagrad's accumulator). */
    protected float slotInitialValue(int s) {
        return 0f;
    }

    /**
     * Applies the rule to {@code w[from..to)} with gradients {@code g} and the slots.
     *
     * @param lr the learning rate of this step, after decay
     * @param t  the 1-based step number ({@code iterations + 1})
     */
    protected abstract void update(float[] w, float[] g, float[][] slots, int from, int to, float lr, long t);

    /** Allocates (and resets) the slots for a parameter arena of {@code size} scalars. For the model. */
    public final void build(int size) {
        slots = new float[slotCount()][];
        for (int s = 0; s < slots.length; s++) {
            slots[s] = new float[size];
            float v = slotInitialValue(s);
            if (v != 0f) Arrays.fill(slots[s], v);
        }
        iterations = 0;
    }

    /** One training step over the arena: {@code w -= rule(g)}. Allocates nothing. For the model. */
    public final void apply(float[] w, float[] g) {
        float lr = (float) (learningRate / (1.0 + decay * iterations));
        update(w, g, slots, 0, w.length, lr, iterations + 1);
        iterations++;
    }

    /** The number of slot arrays of this optimizer's rule (Keras's per-variable slots, in Keras's order). For saving. */
    public final int numSlots() {
        return slots.length;
    }

    /** Slot {@code s} over the whole parameter arena (a live view), for saving and loading its state. */
    public final float[] slot(int s) {
        return slots[s];
    }

    /** Restores {@code iterations} after loading a saved optimizer state. */
    public final void setIterations(long iterations) {
        if (iterations < 0) throw new IllegalArgumentException(name() + ": iterations must be >= 0, got " + iterations);
        this.iterations = iterations;
    }
}
