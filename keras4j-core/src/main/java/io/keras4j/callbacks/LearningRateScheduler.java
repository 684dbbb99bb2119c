package io.keras4j.callbacks;

import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@code keras.callbacks.LearningRateScheduler}: at the start of each epoch, sets the optimizer's
 * learning rate to {@code schedule(epoch, currentRate)} (epoch 0-based, the rate as the optimizer
 * stores it, float32); logs {@code learning_rate} at the epoch's end, so {@code History} records it.
 * <pre>{@code
 * new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr * Math.exp(-0.1))
 * }</pre>
 */
public class LearningRateScheduler extends Callback {
    private final BiFunction<Integer, Double, Double> schedule;
    private int verbose;

    public LearningRateScheduler(BiFunction<Integer, Double, Double> schedule) {
        if (schedule == null) throw new IllegalArgumentException("LearningRateScheduler: schedule must not be null");
        this.schedule = schedule;
    }

    /** 1: print the new rate at each epoch. */
    public LearningRateScheduler verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        Double lr = schedule.apply(epoch, Monitor.learningRate(this));
        if (lr == null || !Double.isFinite(lr) || lr < 0) {
            throw new IllegalArgumentException("The output of the schedule function should be a finite float >= 0. Got: " + lr);
        }
        Monitor.optimizer(this).learningRate(lr);
        if (verbose > 0) {
            System.out.println("\nEpoch " + (epoch + 1) + ": LearningRateScheduler setting learning rate to " + CSVLogger.pyRepr(lr) + ".");
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        logs.put("learning_rate", Monitor.learningRate(this));
    }
}
