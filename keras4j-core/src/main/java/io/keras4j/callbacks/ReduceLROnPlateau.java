package io.keras4j.callbacks;

import java.util.Map;

/**
 * {@code keras.callbacks.ReduceLROnPlateau}: multiplies the learning rate by {@code factor} when
 * the monitored quantity has not improved for {@code patience} epochs. Keras 3's rule, at each
 * epoch end:
 * <pre>
 * logs["learning_rate"] = the optimizer's rate (float32) of the epoch, before any reduction
 * if cooldownCounter > 0: cooldownCounter -= 1; wait = 0
 * if improved(current, best): best = current; wait = 0
 * elif cooldownCounter == 0:
 *     wait += 1
 *     if wait >= patience and lr > minLr:
 *         lr = max(lr * factor, minLr); cooldownCounter = cooldown; wait = 0
 * </pre>
 * {@code improved(a, b)} is {@code a < b - minDelta} in mode {@code "min"} and
 * {@code a > b + minDelta} in mode {@code "max"}; {@code "auto"} is {@code "max"} when the monitor's
 * name contains {@code acc}, else {@code "min"}. Defaults: {@code monitor="val_loss"},
 * {@code factor=0.1}, {@code patience=10}, {@code verbose=0}, {@code mode="auto"},
 * {@code minDelta=1e-4}, {@code cooldown=0}, {@code minLr=0}.
 */
public class ReduceLROnPlateau extends Callback {
    private static final System.Logger LOG = System.getLogger("io.keras4j");

    private String monitor = "val_loss";
    private double factor = 0.1;
    private int patience = 10;
    private int verbose = 0;
    private String mode = "auto";
    private double minDelta = 1e-4;
    private int cooldown = 0;
    private double minLr = 0;

    private boolean less;
    private double best;
    private int wait, cooldownCounter;

    public ReduceLROnPlateau() {}

    public ReduceLROnPlateau monitor(String monitor) {
        if (monitor == null || monitor.isEmpty()) throw new IllegalArgumentException("ReduceLROnPlateau: monitor must not be empty");
        this.monitor = monitor;
        return this;
    }

    /** The factor the rate is multiplied by: {@code new_lr = lr * factor}, below 1. */
    public ReduceLROnPlateau factor(double factor) {
        if (!(factor < 1.0)) {
            throw new IllegalArgumentException("ReduceLROnPlateau does not support a factor >= 1.0. Received factor=" + factor);
        }
        this.factor = factor;
        return this;
    }

    public ReduceLROnPlateau patience(int patience) {
        if (patience < 0) throw new IllegalArgumentException("ReduceLROnPlateau: patience must be >= 0, got " + patience);
        this.patience = patience;
        return this;
    }

    /** 1: print a line when the rate is reduced. */
    public ReduceLROnPlateau verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    public ReduceLROnPlateau mode(String mode) {
        this.mode = Monitor.checkMode(mode);
        return this;
    }

    /** The threshold for measuring a new optimum. */
    public ReduceLROnPlateau minDelta(double minDelta) {
        this.minDelta = minDelta;
        return this;
    }

    /** Epochs to wait after a reduction before counting again. */
    public ReduceLROnPlateau cooldown(int cooldown) {
        if (cooldown < 0) throw new IllegalArgumentException("ReduceLROnPlateau: cooldown must be >= 0, got " + cooldown);
        this.cooldown = cooldown;
        return this;
    }

    /** The lower bound of the learning rate. */
    public ReduceLROnPlateau minLr(double minLr) {
        if (!(minLr >= 0)) throw new IllegalArgumentException("ReduceLROnPlateau: min_lr must be >= 0, got " + minLr);
        this.minLr = minLr;
        return this;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        less = mode.equals("min") || mode.equals("auto") && !monitor.contains("acc");
        best = less ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        cooldownCounter = 0;
        wait = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        logs.put("learning_rate", Monitor.learningRate(this));
        Double current = logs.get(monitor);
        if (current == null) {
            LOG.log(System.Logger.Level.WARNING, "Learning rate reduction is conditioned on metric `" + monitor
                    + "` which is not available. Available metrics are: " + String.join(",", logs.keySet()) + ".");
            return;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        if (less ? current < best - minDelta : current > best + minDelta) {
            best = current;
            wait = 0;
        } else if (cooldownCounter == 0) {
            wait++;
            if (wait >= patience) {
                double old = Monitor.learningRate(this);
                if (old > (float) minLr) {
                    double lr = Math.max(old * factor, minLr);
                    Monitor.optimizer(this).learningRate((float) lr);
                    if (verbose > 0) {
                        System.out.println("\nEpoch " + (epoch + 1) + ": ReduceLROnPlateau reducing learning rate to "
                                + CSVLogger.pyRepr(lr) + ".");
                    }
                    cooldownCounter = cooldown;
                    wait = 0;
                }
            }
        }
    }
}
