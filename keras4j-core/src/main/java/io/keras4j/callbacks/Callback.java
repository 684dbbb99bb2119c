package io.keras4j.callbacks;

import io.keras4j.models.Model;
import java.util.Map;

/**
 * {@code keras.callbacks.Callback}: override the hooks you need. {@code logs} maps metric names
 * ({@code loss}, {@code accuracy}, {@code val_loss}, ...) to their current values; batch logs hold
 * the running means of the epoch so far, epoch logs the epoch's results.
 *
 * <p>The order of calls in one {@code fit} with validation data, as Keras 3's trainer makes them:
 * <pre>
 * onTrainBegin
 *   onEpochBegin(0)
 *     onTrainBatchBegin(0) onTrainBatchEnd(0) ... (every step; fit stops after the batch in which
 *                                                  a callback set stopTraining)
 *     onTestBegin onTestBatchBegin(0) onTestBatchEnd(0) ... onTestEnd   (validation)
 *   onEpochEnd(0, logs with val_*)
 *   ...
 * onTrainEnd(the last epoch's logs)
 * </pre>
 * {@code evaluate} calls {@code onTestBegin}, the test batch hooks and {@code onTestEnd};
 * {@code predict} the predict hooks. Epoch logs are mutable: a callback may add entries (as
 * {@code ReduceLROnPlateau} adds {@code learning_rate}) and the callbacks after it, {@link History}
 * included, see them. Begin hooks get empty logs (read-only for the batch hooks, which run once per
 * step); predict batch logs are empty (Keras passes the batch's outputs, which a
 * {@code Map<String, Double>} cannot hold).
 */
public abstract class Callback {
    private Model model;
    private Map<String, Object> params = Map.of();

    /** Called by {@code fit} before training starts. */
    public void setModel(Model model) {
        this.model = model;
    }

    /** The model being trained. */
    public Model getModel() {
        return model;
    }

    /** Called by {@code fit}: {@code epochs}, {@code steps}, {@code verbose}. */
    public void setParams(Map<String, Object> params) {
        this.params = params;
    }

    public Map<String, Object> getParams() {
        return params;
    }

    public void onTrainBegin(Map<String, Double> logs) {}

    public void onTrainEnd(Map<String, Double> logs) {}

    public void onEpochBegin(int epoch, Map<String, Double> logs) {}

    public void onEpochEnd(int epoch, Map<String, Double> logs) {}

    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {}

    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {}

    public void onTestBegin(Map<String, Double> logs) {}

    public void onTestEnd(Map<String, Double> logs) {}

    /** Before each batch of {@code evaluate} and of the validation inside {@code fit}. */
    public void onTestBatchBegin(int batch, Map<String, Double> logs) {}

    /** After each test batch: {@code loss} and each metric, running over the batches so far. */
    public void onTestBatchEnd(int batch, Map<String, Double> logs) {}

    public void onPredictBegin(Map<String, Double> logs) {}

    public void onPredictEnd(Map<String, Double> logs) {}

    public void onPredictBatchBegin(int batch, Map<String, Double> logs) {}

    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {}
}
