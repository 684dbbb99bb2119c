package io.keras4j.models;

import io.keras4j.callbacks.Callback;
import io.keras4j.callbacks.History;
import io.keras4j.callbacks.ProgbarLogger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The epochs of {@code fit}: Keras 3's trainer loop, hook for hook. Per epoch: reset the metrics,
 * {@code onEpochBegin}, the batches of the {@link Feed} (each a {@link TrainStep}, with the batch
 * hooks when a callback or the progress bar wants them), validation every
 * {@code validationFreq} epochs, {@code onEpochEnd}. Callbacks see {@code owner}, the model the
 * user called ({@link Sequential} or {@link Functional}).
 */
final class FitLoop {
    private FitLoop() {}

    /** @param yShapes the targets' shapes (with the batch) @param val validation data, or null */
    static History run(Functional model, Model owner, Feed feed, FitOptions o, List<int[]> yShapes, ModelData val) {
        List<int[]> yRows = ModelData.rows(yShapes);
        CompiledMetrics metrics = new CompiledMetrics(model, yShapes);
        int outs = yShapes.size();
        History history = new History();
        List<Callback> callbacks = new ArrayList<>(o.callbacks());
        callbacks.add(history);
        if (o.verbose() > 0) callbacks.add(new ProgbarLogger());
        Map<String, Object> params = Map.of("epochs", o.epochs(), "steps", feed.steps(), "verbose", o.verbose());
        for (Callback c : callbacks) {
            c.setModel(owner);
            c.setParams(params);
        }
        boolean batchHooks = !o.callbacks().isEmpty() || o.verbose() == 1;
        TrainStep step = new TrainStep(model);
        Executable e = null;
        owner.setStopTraining(false);
        for (Callback c : callbacks) c.onTrainBegin(new LinkedHashMap<>());
        Map<String, Double> trainingLogs = new LinkedHashMap<>();
        double[] outSums = new double[outs];
        for (int epoch = o.initialEpoch(); epoch < o.epochs(); epoch++) {
            metrics.reset();
            for (Callback c : callbacks) c.onEpochBegin(epoch, new LinkedHashMap<>());
            feed.beginEpoch();
            double lossSum = 0;
            java.util.Arrays.fill(outSums, 0);
            int seen = 0;
            for (int s = 0; feed.next(); s++) {
                int rows = feed.rows();
                if (e == null || rows > e.capacity()) e = model.trainExecutable(rows, yRows);
                if (batchHooks) for (Callback c : callbacks) c.onTrainBatchBegin(s, Map.of());
                e.weighted(feed.fill(e));
                float l = step.run(e, rows, metrics.perOutput);
                lossSum += (double) l * rows;
                for (int i = 0; i < outs; i++) outSums[i] += (double) TrainStep.value(e.outputLosses.get(i)) * rows;
                seen += rows;
                if (batchHooks) {
                    Map<String, Double> logs = metrics.logs(lossSum, outSums, seen);
                    for (Callback c : callbacks) c.onTrainBatchEnd(s, logs);
                }
                if (owner.isStopTraining()) break;
            }
            if (seen == 0) { // a consumed iterator: nothing left to train on
                Feed.ranOut();
                break;
            }
            Map<String, Double> logs = CompiledMetrics.sorted(metrics.logs(lossSum, outSums, seen));
            if (val != null && (epoch + 1) % o.validationFreq() == 0) {
                int vb = o.validationBatchSize() != null ? o.validationBatchSize() : o.batchSize();
                for (Map.Entry<String, Double> v : TestLoop.test(model, val, vb, callbacks).entrySet()) {
                    logs.put("val_" + v.getKey(), v.getValue());
                }
            }
            for (Callback c : callbacks) c.onEpochEnd(epoch, logs);
            trainingLogs = logs;
            if (owner.isStopTraining()) break;
            if (feed.exhausted()) {
                if (epoch + 1 < o.epochs()) Feed.ranOut();
                break;
            }
        }
        if (model.optimizer().isUseEma()) { // Keras: finalize_variable_values after the last epoch, before on_train_end
            model.optimizer().finalizeVariableValues(model.weightArena().params());
            model.weightArena().changed();
        }
        for (Callback c : callbacks) c.onTrainEnd(trainingLogs);
        return history;
    }
}
