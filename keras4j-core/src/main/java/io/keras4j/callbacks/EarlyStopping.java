package io.keras4j.callbacks;

import io.keras4j.NDArray;
import java.util.List;
import java.util.Map;

/**
 * {@code keras.callbacks.EarlyStopping}: stops {@code fit} when the monitored quantity has stopped
 * improving. Keras 3's rule, at each epoch end from {@code startFromEpoch} on:
 * <pre>
 * wait += 1
 * if improved(current, best):
 *     best = current; bestEpoch = epoch; (restoreBestWeights: remember the weights)
 *     if baseline is None or improved(current, baseline): wait = 0
 * elif wait >= patience and epoch > 0:  stop training
 * </pre>
 * {@code improved(a, b)} is {@code a + minDelta < b} in mode {@code "min"} and
 * {@code a - minDelta > b} in mode {@code "max"}; {@code "auto"} takes the direction from the
 * metric ({@code loss} and errors go down, accuracies up). With {@code restoreBestWeights} the
 * model gets the best epoch's weights back when training ends (the first monitored epoch's when
 * none improved). Defaults: {@code monitor="val_loss"}, {@code minDelta=0}, {@code patience=0},
 * {@code verbose=0}, {@code mode="auto"}, no baseline, {@code restoreBestWeights=false},
 * {@code startFromEpoch=0}. As in Keras, {@code best} is kept when the same instance is reused.
 */
public class EarlyStopping extends Callback {
    private static final System.Logger LOG = System.getLogger("io.keras4j");

    private String monitor = "val_loss";
    private double minDelta = 0;
    private int patience = 0;
    private int verbose = 0;
    private String mode = "auto";
    private Double baseline;
    private boolean restoreBestWeights;
    private int startFromEpoch;

    private Boolean less;
    private double best;
    private int wait, stoppedEpoch, bestEpoch;
    private List<NDArray> bestWeights;

    public EarlyStopping() {}

    /** The quantity to monitor (default {@code val_loss}). */
    public EarlyStopping monitor(String monitor) {
        if (monitor == null || monitor.isEmpty()) throw new IllegalArgumentException("EarlyStopping: monitor must not be empty");
        this.monitor = monitor;
        return this;
    }

    /** The smallest change that counts as an improvement (its absolute value is used). */
    public EarlyStopping minDelta(double minDelta) {
        this.minDelta = Math.abs(minDelta);
        return this;
    }

    /** Epochs without improvement after which training stops. */
    public EarlyStopping patience(int patience) {
        if (patience < 0) throw new IllegalArgumentException("EarlyStopping: patience must be >= 0, got " + patience);
        this.patience = patience;
        return this;
    }

    /** 1: print when stopping and when restoring weights. */
    public EarlyStopping verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /** {@code "auto"}, {@code "min"} or {@code "max"}. */
    public EarlyStopping mode(String mode) {
        this.mode = Monitor.checkMode(mode);
        return this;
    }

    /** A value the monitored quantity must beat for the patience to restart. */
    public EarlyStopping baseline(double baseline) {
        this.baseline = baseline;
        return this;
    }

    /** Whether to restore the weights of the best epoch when training ends. */
    public EarlyStopping restoreBestWeights(boolean restore) {
        this.restoreBestWeights = restore;
        return this;
    }

    /** Epochs to wait before monitoring starts (a warm-up). */
    public EarlyStopping startFromEpoch(int epoch) {
        if (epoch < 0) throw new IllegalArgumentException("EarlyStopping: start_from_epoch must be >= 0, got " + epoch);
        this.startFromEpoch = epoch;
        return this;
    }

    /** The epoch (0-based) at which training was stopped, 0 if it was not. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch (0-based) of the best monitored value. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best monitored value so far. */
    public double best() {
        return best;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        wait = 0;
        stoppedEpoch = 0;
        bestWeights = null;
        bestEpoch = 0;
    }

    private void setMonitorOp() {
        Boolean up = mode.equals("min") ? Boolean.FALSE : mode.equals("max") ? Boolean.TRUE : Monitor.up(monitor);
        if (up == null) {
            throw new IllegalArgumentException("EarlyStopping callback received monitor=" + monitor
                    + " but keras4j isn't able to automatically determine whether that metric should be maximized "
                    + "or minimized. Pass mode(\"max\") in order to do early stopping based on the highest metric "
                    + "value, or pass mode(\"min\") in order to use the lowest value.");
        }
        less = !up;
        best = less ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (less == null) setMonitorOp();
        Double current = logs.get(monitor);
        if (current == null) {
            LOG.log(System.Logger.Level.WARNING, "Early stopping conditioned on metric `" + monitor
                    + "` which is not available. Available metrics are: " + String.join(",", logs.keySet()));
            return;
        }
        if (epoch < startFromEpoch) return;
        if (restoreBestWeights && bestWeights == null) {
            bestWeights = getModel().getWeights();
            bestEpoch = epoch;
        }
        wait++;
        if (improved(current, best)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) bestWeights = getModel().getWeights();
            if (baseline == null || improved(current, baseline)) wait = 0;
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            getModel().setStopTraining(true);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (stoppedEpoch > 0 && verbose > 0) System.out.println("Epoch " + (stoppedEpoch + 1) + ": early stopping");
        if (restoreBestWeights && bestWeights != null) {
            if (verbose > 0) System.out.println("Restoring model weights from the end of the best epoch: " + (bestEpoch + 1) + ".");
            getModel().setWeights(bestWeights);
        }
    }

    private boolean improved(double value, double reference) {
        return less ? value + minDelta < reference : value - minDelta > reference;
    }
}
