package io.keras4j.callbacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code keras.callbacks.History}: what {@code fit} returns. {@code history().get("loss")} is the
 * list of per-epoch losses ({@code results.history['loss']} in Keras), and likewise for each metric
 * and each {@code val_*} entry.
 */
public class History extends Callback {
    private final Map<String, List<Double>> history = new LinkedHashMap<>();
    private final List<Integer> epoch = new ArrayList<>();

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        // Keras keeps history across fit() calls only on the same History object; fit makes a new one.
    }

    @Override
    public void onEpochEnd(int ep, Map<String, Double> logs) {
        epoch.add(ep);
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            history.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
    }

    /** Metric name to its per-epoch values, in the order Keras logs them. Read-only view. */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> view = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> e : history.entrySet()) {
            view.put(e.getKey(), Collections.unmodifiableList(e.getValue()));
        }
        return Collections.unmodifiableMap(view);
    }

    /** The indices of the epochs that ran (0-based, as Keras's {@code history.epoch}). */
    public List<Integer> epoch() {
        return Collections.unmodifiableList(epoch);
    }
}
