package io.keras4j.optimizers;

import io.keras4j.optimizers.schedules.LearningRateSchedule;
import java.util.Arrays;

/**
 * {@code keras.optimizers.Optimizer}: the base of every optimizer. A subclass declares its
 * slots and writes its update rule; everything around the rule lives here, once, in Keras 3's
 * order ({@code BaseOptimizer.apply}):
 * <pre>
 * lr = learning_rate(iterations)  if a LearningRateSchedule, else learning_rate
 * lr = lr / (1 + decay * iterations)                 Keras 2's decay (default 0: no-op)
 * g  = clip(g)    clipnorm:        per variable, g * clipnorm / max(||g||, clipnorm)
 *                 global_clipnorm: all variables, g * clip * min(1 / ||G||, 1 / clip)
 *                 clipvalue:       clip(g, -clipvalue, clipvalue)
 * w  = w - w * weight_decay * lr                     decoupled weight decay, before the rule
 * w  = rule(w, g, lr)                                the subclass's update_step
 * ema = m * ema + (1 - m) * w,  m = iterations == 0 ? 0 : ema_momentum      (use_ema)
 *   every ema_overwrite_frequency steps: w = ema
 * iterations += 1
 * </pre>
 * At most one of {@code clipnorm}, {@code clipvalue} and {@code globalClipnorm} may be set, as in
 * Keras; a value of 0 means "not set" ({@code None}).
 *
 * <p>The rule is applied to whole parameter arenas: every weight of the model lies in one
 * {@code float[]}, its gradient in another of the same layout, each slot in a third. All rules
 * are element-wise, so one pass over the arena equals Keras's per-variable updates; the
 * per-variable parts (clipnorm) use the variable boundaries given to {@link #build(int, int[])}.
 * Each enabled extra (clipping, weight decay, EMA) is one more allocation-free pass.
 *
 * <p>State: {@link #iterations()}, {@link #getLearningRate()} and {@link #variables()} are Keras's
 * {@code optimizer.iterations}, {@code learning_rate} and the rest of {@code optimizer.variables};
 * {@link #setIterations}, {@link #learningRate(double)} and writing into {@link #variables()} restore
 * them. An optimizer is {@link java.io.Serializable} (hyper-parameters, schedule and state), so that
 * it can travel to the workers of a cluster.
 */
public abstract class Optimizer implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private double learningRate;
    private LearningRateSchedule schedule;
    private double decay;
    private double clipnorm, clipvalue, globalClipnorm, weightDecay;
    private boolean useEma;
    private double emaMomentum = 0.99;
    private int emaOverwriteFrequency;
    private long iterations;
    private float[][] slots = new float[0][];
    private float[] ema;
    private int[] offsets = {0, 0};

    protected Optimizer(double defaultLearningRate) {
        this.learningRate = defaultLearningRate;
    }

    /** The Keras name, e.g. {@code "SGD"}. */
    public abstract String name();

    /**
     * The learning rate (Keras default: 0.01 for SGD, 0.001 for the others). As Keras, an optimizer
     * created with a {@link LearningRateSchedule} has no settable learning rate.
     */
    public Optimizer learningRate(double lr) {
        if (schedule != null) {
            throw new IllegalStateException(name() + ": this optimizer was created with a LearningRateSchedule as its"
                    + " learning rate, hence its learning rate is not settable");
        }
        if (!(lr >= 0) || Double.isInfinite(lr)) throw new IllegalArgumentException(name() + ": learning_rate must be >= 0, got " + lr);
        this.learningRate = lr;
        return this;
    }

    /** A schedule of the learning rate: step {@code iterations} uses {@code schedule.call(iterations)}. */
    public Optimizer learningRate(LearningRateSchedule schedule) {
        if (schedule == null) throw new IllegalArgumentException(name() + ": learning_rate schedule must not be null");
        this.schedule = schedule;
        return this;
    }

    /** Keras 2's time-based decay: {@code lr / (1 + decay * iterations)} (default 0). */
    public Optimizer decay(double decay) {
        if (!(decay >= 0) || Double.isInfinite(decay)) throw new IllegalArgumentException(name() + ": decay must be >= 0, got " + decay);
        this.decay = decay;
        return this;
    }

    /** Clips each variable's gradient to this L2 norm (default: off). */
    public Optimizer clipnorm(double clipnorm) {
        this.clipnorm = clipArg("clipnorm", clipnorm);
        return this;
    }

    /** Clips every gradient element to {@code [-clipvalue, clipvalue]} (default: off). */
    public Optimizer clipvalue(double clipvalue) {
        this.clipvalue = clipArg("clipvalue", clipvalue);
        return this;
    }

    /** Clips all gradients together to this global L2 norm (default: off). */
    public Optimizer globalClipnorm(double globalClipnorm) {
        this.globalClipnorm = clipArg("global_clipnorm", globalClipnorm);
        return this;
    }

    /** Decoupled weight decay: {@code w -= w * weightDecay * lr} before each update (default: off). */
    public Optimizer weightDecay(double weightDecay) {
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException(name() + ": weight_decay must be >= 0, got " + weightDecay);
        }
        this.weightDecay = weightDecay;
        return this;
    }

    /** Keeps an exponential moving average of the weights (default false). */
    public Optimizer useEma(boolean useEma) {
        this.useEma = useEma;
        return this;
    }

    /** Momentum of the weights' moving average (default 0.99); used with {@code useEma(true)}. */
    public Optimizer emaMomentum(double emaMomentum) {
        if (!(emaMomentum >= 0 && emaMomentum <= 1)) {
            throw new IllegalArgumentException(name() + ": ema_momentum must be in the range [0, 1], got " + emaMomentum);
        }
        this.emaMomentum = emaMomentum;
        return this;
    }

    /** Every this many steps the weights are overwritten by their moving average (default 0: never). */
    public Optimizer emaOverwriteFrequency(int steps) {
        if (steps < 0) throw new IllegalArgumentException(name() + ": ema_overwrite_frequency must be >= 1, got " + steps);
        this.emaOverwriteFrequency = steps;
        return this;
    }

    private double clipArg(String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name() + ": " + what + " must be > 0, got " + v);
        int others = (clipnorm != 0 && !what.equals("clipnorm") ? 1 : 0) + (clipvalue != 0 && !what.equals("clipvalue") ? 1 : 0)
                + (globalClipnorm != 0 && !what.equals("global_clipnorm") ? 1 : 0);
        if (v != 0 && others > 0) {
            throw new IllegalArgumentException(name() + ": only one of clipnorm, clipvalue and global_clipnorm can be set;"
                    + " got clipnorm=" + clipnorm + ", clipvalue=" + clipvalue + ", global_clipnorm=" + globalClipnorm
                    + " and " + what + "=" + v);
        }
        return v;
    }

    /**
     * Keras's {@code optimizer.learning_rate}: the schedule's value at {@code iterations} when there
     * is one, else the rate set (before Keras 2's {@code decay}, as Keras 2 reported it), so that
     * callbacks can read it and set it back.
     */
    public double getLearningRate() {
        return schedule != null ? schedule.call(iterations) : learningRate;
    }

    /** The rate the next step uses: {@link #getLearningRate()} after Keras 2's {@code decay}. */
    private double rateOfStep() {
        double lr = getLearningRate();
        return decay == 0 ? lr : lr / (1.0 + decay * iterations);
    }

    /** The schedule given to {@link #learningRate(LearningRateSchedule)}, or null. */
    public LearningRateSchedule getLearningRateSchedule() {
        return schedule;
    }

    public double getDecay() {
        return decay;
    }

    public double getClipnorm() {
        return clipnorm;
    }

    public double getClipvalue() {
        return clipvalue;
    }

    public double getGlobalClipnorm() {
        return globalClipnorm;
    }

    public double getWeightDecay() {
        return weightDecay;
    }

    public boolean isUseEma() {
        return useEma;
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

    /** Called by {@code build}: resets any scalar state of the rule (as Nadam's {@code u_product}). */
    protected void reset() {}

    /** Called once per step before {@code update}, with the 1-based step {@code t}: scalar state of the rule. */
    protected void beforeUpdate(long t) {}

    /**
     * Applies the rule to {@code w[from..to)} with gradients {@code g} and the slots.
     *
     * @param lr the learning rate of this step, after schedule and decay
     * @param t  the 1-based step number ({@code iterations + 1})
     */
    protected abstract void update(float[] w, float[] g, float[][] slots, int from, int to, float lr, long t);

    /** {@link #build(int, int[])} for an arena holding one variable. */
    public final void build(int size) {
        build(size, new int[] {size});
    }

    /**
     * Allocates (and resets) the slots for a parameter arena of {@code size} scalars, made of
     * variables of {@code variableSizes} laid out one after the other. For the model.
     */
    public final void build(int size, int[] variableSizes) {
        int[] off = new int[variableSizes.length + 1];
        for (int i = 0; i < variableSizes.length; i++) off[i + 1] = off[i] + variableSizes[i];
        if (off[variableSizes.length] != size) {
            throw new IllegalArgumentException(name() + ": variable sizes " + Arrays.toString(variableSizes)
                    + " do not add up to the arena size " + size);
        }
        offsets = off;
        slots = new float[slotCount()][];
        for (int s = 0; s < slots.length; s++) {
            slots[s] = new float[size];
            float v = slotInitialValue(s);
            if (v != 0f) Arrays.fill(slots[s], v);
        }
        ema = useEma ? new float[size] : null;
        iterations = 0;
        reset();
    }

    /** One training step over the arena: clip {@code g} (in place), decay and update {@code w}. Allocates nothing. */
    public final void apply(float[] w, float[] g) {
        float lr = (float) rateOfStep();
        clip(g);
        if (weightDecay != 0) {
            float wd = (float) weightDecay;
            for (int i = 0; i < w.length; i++) w[i] = w[i] - w[i] * wd * lr;
        }
        beforeUpdate(iterations + 1);
        update(w, g, slots, 0, w.length, lr, iterations + 1);
        if (ema != null) updateEma(w);
        iterations++;
    }

    /**
     * Keras's {@code finalize_variable_values}: with {@code useEma(true)}, overwrites the weights by
     * their moving average, as Keras's {@code fit} does after its last epoch. No-op otherwise.
     */
    public final void finalizeVariableValues(float[] w) {
        if (ema != null && iterations > 0) System.arraycopy(ema, 0, w, 0, w.length);
    }

    private void clip(float[] g) {
        if (clipnorm > 0) {
            float c = (float) clipnorm;
            for (int v = 0; v + 1 < offsets.length; v++) {
                int from = offsets[v], to = offsets[v + 1];
                double sum = sumOfSquares(g, from, to);
                if (!(sum > 0)) continue;
                float d = (float) Math.max(Math.sqrt(sum), clipnorm);
                for (int i = from; i < to; i++) g[i] = g[i] * c / d;
            }
        } else if (globalClipnorm > 0) {
            double norm = Math.sqrt(sumOfSquares(g, 0, g.length));
            double scale = globalClipnorm * Math.min(1.0 / norm, 1.0 / globalClipnorm) + (norm - norm);
            float s = (float) scale;
            for (int i = 0; i < g.length; i++) g[i] *= s;
        } else if (clipvalue > 0) {
            float c = (float) clipvalue;
            for (int i = 0; i < g.length; i++) g[i] = Math.max(-c, Math.min(c, g[i]));
        }
    }

    /** {@code sum g[i]^2} in double, in four independent chains (one chain of dependent adds is four times slower). */
    private static double sumOfSquares(float[] g, int from, int to) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            s0 += (double) g[i] * g[i];
            s1 += (double) g[i + 1] * g[i + 1];
            s2 += (double) g[i + 2] * g[i + 2];
            s3 += (double) g[i + 3] * g[i + 3];
        }
        for (; i < to; i++) s0 += (double) g[i] * g[i];
        return (s0 + s1) + (s2 + s3);
    }

    private void updateEma(float[] w) {
        float m = iterations == 0 ? 0f : (float) emaMomentum, c = 1f - m;
        for (int i = 0; i < w.length; i++) ema[i] = m * ema[i] + c * w[i];
        if (emaOverwriteFrequency > 0 && (iterations + 1) % emaOverwriteFrequency == 0) System.arraycopy(ema, 0, w, 0, w.length);
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
        restoreIterations(iterations);
    }

    /**
     * Called by {@link #setIterations}: a rule whose scalar state is a function of the step count
     * (Nadam's {@code u_product}) recomputes it for {@code iterations} steps done. No-op by default.
     */
    protected void restoreIterations(long iterations) {}

    /**
     * Keras's {@code optimizer.variables} other than {@code iterations} and {@code learning_rate}:
     * the slot arenas ({@link #slot}, in Keras's slot order), then, with {@code useEma(true)}, the
     * moving average of the weights. Live views over the whole parameter arena, laid out as the
     * model's weights (empty before the model is built): copy them to save or average a state;
     * write into them, and call {@link #setIterations}, to restore one.
     */
    public final java.util.List<float[]> variables() {
        java.util.List<float[]> v = new java.util.ArrayList<>(Arrays.asList(slots));
        if (ema != null) v.add(ema);
        return java.util.Collections.unmodifiableList(v);
    }
}
