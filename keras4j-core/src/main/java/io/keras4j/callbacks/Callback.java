package io.keras4j.callbacks;

import io.keras4j.models.Model;
import java.util.Map;

/**
 * {@code keras.callbacks.Callback}: override the hooks you need. {@code logs} maps metric names
 * ({@code loss}, {@code accuracy}, {@code val_loss}, ...) to their current values; batch logs hold
 * the running means of the epoch so far, epoch logs the epoch's results.
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

    public void onPredictBegin(Map<String, Double> logs) {}

    public void onPredictEnd(Map<String, Double> logs) {}
}
