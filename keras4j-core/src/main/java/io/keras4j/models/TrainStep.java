package io.keras4j.models;

import io.keras4j.engine.Tensor;
import io.keras4j.layers.Layer;
import io.keras4j.metrics.Metric;
import java.util.List;

/**
 * One optimizer step on the batch already in a training plan's inputs: forward, metrics,
 * backward, update, constraints. Allocates nothing ({@code AllocationFreeStepTest}). The update
 * holds the weights' write lock, so a concurrent {@code predict} sees the weights before or after
 * a whole step (see {@link Model}'s threading contract).
 */
final class TrainStep {
    private final Functional model;
    /** The layers with weight constraints (Keras applies them right after each optimizer step). */
    private final Layer[] constrained;

    TrainStep(Functional model) {
        this.model = model;
        this.constrained = model.allLayers().stream().filter(Layer::hasConstraints).toArray(Layer[]::new);
    }

    /** Runs the step on {@code rows} samples; returns the batch loss, taken before the update. */
    float run(Executable e, int rows, List<List<Metric>> metrics) {
        e.plan.forward(rows);
        float l = value(e.loss);
        updateMetrics(e, rows, metrics);
        Weights w = model.weightArena();
        w.zeroGrads(e.plan);
        e.plan.backward(rows, e.loss);
        long stamp = w.lock().writeLock(); // concurrent predicts see the weights before or after the step
        try {
            model.optimizer().apply(w.params(), w.grads());
            for (Layer c : constrained) c.applyConstraints();
            w.changed();
        } finally {
            w.lock().unlockWrite(stamp);
        }
        return l;
    }

    /**
     * Adds the batch in {@code e} (after its forward) to each output's metrics; an output that
     * carries a mask adds only its unmasked steps (Keras's metrics weigh masked steps 0), one run
     * of consecutive kept steps at a time.
     */
    static void updateMetrics(Executable e, int rows, List<List<Metric>> metrics) {
        for (int i = 0; i < metrics.size(); i++) {
            List<Metric> ms = metrics.get(i);
            if (ms.isEmpty()) continue;
            Tensor p = e.preds.get(i), y = e.ys.get(i), mask = e.masks.get(i);
            int c = p.dim(-1), r = rows * p.rowSize() / c;
            for (int j = 0; j < ms.size(); j++) {
                Metric m = ms.get(j);
                if (mask == null) {
                    m.update(y.data, 0, p.data, p.off, r, c);
                    continue;
                }
                int tw = m.targetWidth(c);
                for (int start = 0; start < r; ) {
                    if (mask.data[mask.off + start] == 0f) {
                        start++;
                        continue;
                    }
                    int end = start + 1;
                    while (end < r && mask.data[mask.off + end] != 0f) end++;
                    m.update(y.data, start * tw, p.data, p.off + start * c, end - start, c);
                    start = end;
                }
            }
        }
    }

    static float value(Tensor t) {
        return t.data[t.off];
    }
}
