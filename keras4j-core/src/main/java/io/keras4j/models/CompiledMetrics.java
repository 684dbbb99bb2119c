package io.keras4j.models;

import io.keras4j.layers.Layer;
import io.keras4j.metrics.Metric;
import io.keras4j.metrics.Metrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keras's {@code CompileMetrics} and the logs of a loop: per output, the metrics given to
 * {@code compile} (named {@code <output>_<metric>} when the model has several outputs; metric
 * objects, which a one-output model takes, keep their names), and the running loss sums.
 * Logs: {@code loss} (the weighted total with the layers' added losses), with several outputs
 * {@code <output>_loss} per output (unweighted, as Keras records it), then the metrics.
 */
final class CompiledMetrics {
    final List<List<Metric>> perOutput = new ArrayList<>();
    private final List<String> outputNames;

    /** The metrics for targets of {@code yShapes} (with their batch dimension), reset. */
    CompiledMetrics(Functional model, List<int[]> yShapes) {
        List<int[]> outs = model.outputShapes();
        this.outputNames = model.outputNames();
        boolean several = outs.size() > 1;
        for (int i = 0; i < outs.size(); i++) {
            List<Metric> ms = new ArrayList<>();
            for (String name : model.metricNames()) {
                Metric m = Metrics.get(name, yShapes.get(i), Layer.withBatch(outs.get(i)));
                if (several) m.name(outputNames.get(i) + "_" + m.name());
                ms.add(m);
            }
            if (i == 0) ms.addAll(model.metricObjects()); // compile refuses them for several outputs
            perOutput.add(ms);
        }
        reset();
    }

    void reset() {
        for (List<Metric> ms : perOutput) for (Metric m : ms) m.reset();
    }

    /** The logs after {@code seen} samples: {@code lossSum / seen}, each output's loss, each metric. */
    Map<String, Double> logs(double lossSum, double[] outSums, int seen) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", lossSum / seen);
        if (outSums.length > 1) {
            for (int i = 0; i < outSums.length; i++) m.put(outputNames.get(i) + "_loss", outSums[i] / seen);
        }
        for (List<Metric> ms : perOutput) for (Metric x : ms) m.put(x.name(), x.result());
        return m;
    }

    /** Logs in Keras 3's epoch order (sorted by name), open to entries callbacks add after them. */
    static Map<String, Double> sorted(Map<String, Double> logs) {
        return new LinkedHashMap<>(new TreeMap<>(logs));
    }
}
