package io.keras4j.callbacks;

import io.keras4j.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A callback placed before the one under test: logs a scripted value under {@code key} at each
 * epoch end (standing in for a validation metric) and records the weights the model has then.
 */
final class Scripted extends Callback {
    private final String key;
    private final double[] values;
    final List<List<NDArray>> weights = new ArrayList<>();

    Scripted(String key, double... values) {
        this.key = key;
        this.values = values;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        logs.put(key, values[epoch]);
        weights.add(getModel().getWeights());
    }
}
