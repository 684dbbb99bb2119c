package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.callbacks.Callback;
import io.keras4j.callbacks.History;
import io.keras4j.callbacks.LambdaCallback;
import io.keras4j.layers.Dense;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 items 1 and 2: {@code stop_training} and every callback hook, as Keras 3's trainer
 * ({@code keras/src/backend/*}{@code /trainer.py}) calls them.
 */
class HooksAndStopTrainingTest {

    private static Sequential model() {
        Utils.setRandomSeed(5);
        Sequential m = new Sequential(new Dense(6, "tanh").inputDim(3), new Dense(3, "softmax"));
        m.compile(new SGD().learningRate(0.05), "sparse_categorical_crossentropy", "accuracy");
        return m;
    }

    private static NDArray ids(int n) {
        float[] y = new float[n];
        for (int i = 0; i < n; i++) y[i] = i % 3;
        return NDArray.of(y, n);
    }

    /** Records every hook with its argument and log keys. */
    static final class Spy extends Callback {
        final List<String> calls = new ArrayList<>();
        final List<Map<String, Double>> testBatchLogs = new ArrayList<>();
        Map<String, Double> testEndLogs;

        @Override public void onTrainBegin(Map<String, Double> l) { calls.add("train_begin"); }
        @Override public void onTrainEnd(Map<String, Double> l) { calls.add("train_end " + l.keySet()); }
        @Override public void onEpochBegin(int e, Map<String, Double> l) { calls.add("epoch_begin " + e); }
        @Override public void onEpochEnd(int e, Map<String, Double> l) { calls.add("epoch_end " + e + " " + l.keySet()); }
        @Override public void onTrainBatchBegin(int b, Map<String, Double> l) { calls.add("train_batch_begin " + b); }
        @Override public void onTrainBatchEnd(int b, Map<String, Double> l) { calls.add("train_batch_end " + b + " " + l.keySet()); }
        @Override public void onTestBegin(Map<String, Double> l) { calls.add("test_begin"); }
        @Override public void onTestEnd(Map<String, Double> l) { calls.add("test_end " + l.keySet()); testEndLogs = l; }
        @Override public void onTestBatchBegin(int b, Map<String, Double> l) { calls.add("test_batch_begin " + b); }
        @Override public void onTestBatchEnd(int b, Map<String, Double> l) {
            calls.add("test_batch_end " + b + " " + l.keySet());
            testBatchLogs.add(l);
        }
        @Override public void onPredictBegin(Map<String, Double> l) { calls.add("predict_begin"); }
        @Override public void onPredictEnd(Map<String, Double> l) { calls.add("predict_end"); }
        @Override public void onPredictBatchBegin(int b, Map<String, Double> l) { calls.add("predict_batch_begin " + b); }
        @Override public void onPredictBatchEnd(int b, Map<String, Double> l) { calls.add("predict_batch_end " + b); }
    }

    @Test
    void stopTrainingSetAfterBatch3RunsFourBatches() {
        // Keras 3: `if self.stop_training: break` right after on_train_batch_end -> batches 0..3 run
        Sequential m = model();
        NDArray x = NDArray.randn(160, 3);
        List<Integer> batches = new ArrayList<>();
        History h = m.fit(x, ids(160), new FitOptions().epochs(5).batchSize(10).verbose(0).callbacks(
                new LambdaCallback().onTrainBatchEnd((b, logs) -> {
                    batches.add(b);
                    if (b == 3) m.setStopTraining(true);
                })));
        assertEquals(List.of(0, 1, 2, 3), batches);
        assertEquals(4, m.getOptimizer().iterations(), "optimizer steps");
        assertEquals(List.of(0), h.epoch(), "the stopped epoch still ends (and is recorded), then fit returns");
    }

    @Test
    void stopTrainingSetInOnTrainBeginRunsOneBatch() {
        // Keras 3 checks the flag only after a batch: the first epoch begins and one batch runs
        Sequential m = model();
        NDArray x = NDArray.randn(50, 3);
        History h = m.fit(x, ids(50), new FitOptions().epochs(3).batchSize(10).verbose(0).callbacks(
                new LambdaCallback().onTrainBegin(logs -> m.setStopTraining(true))));
        assertEquals(1, m.getOptimizer().iterations());
        assertEquals(List.of(0), h.epoch());
    }

    @Test
    void fitWithValidationCallsEveryHookInKerasOrder() {
        // the order of keras/src/backend/jax/trainer.py fit(): validation (evaluate with the same
        // CallbackList) runs between the last train batch and on_epoch_end
        Sequential m = model();
        NDArray x = NDArray.randn(20, 3), vx = NDArray.randn(7, 3);
        Spy spy = new Spy();
        m.fit(x, ids(20), new FitOptions().epochs(2).batchSize(10).validationBatchSize(4).verbose(0)
                .validationData(vx, ids(7)).callbacks(spy));
        List<String> epoch = List.of("train_batch_begin 0", "train_batch_end 0 [loss, accuracy]",
                "train_batch_begin 1", "train_batch_end 1 [loss, accuracy]",
                "test_begin", "test_batch_begin 0", "test_batch_end 0 [loss, accuracy]",
                "test_batch_begin 1", "test_batch_end 1 [loss, accuracy]", "test_end [accuracy, loss]");
        List<String> expected = new ArrayList<>();
        expected.add("train_begin");
        for (int e = 0; e < 2; e++) {
            expected.add("epoch_begin " + e);
            expected.addAll(epoch);
            expected.add("epoch_end " + e + " [accuracy, loss, val_accuracy, val_loss]");
        }
        expected.add("train_end [accuracy, loss, val_accuracy, val_loss]");
        assertEquals(expected, spy.calls);
    }

    @Test
    void evaluateCallsTheTestHooksWithRunningLogs() {
        Sequential m = model();
        NDArray x = NDArray.randn(23, 3);
        Spy spy = new Spy();
        Map<String, Double> r = m.evaluate(x, ids(23), new EvaluateOptions().batchSize(10).verbose(0).callbacks(spy));
        assertEquals(List.of("test_begin", "test_batch_begin 0", "test_batch_end 0 [loss, accuracy]", "test_batch_begin 1",
                "test_batch_end 1 [loss, accuracy]", "test_batch_begin 2", "test_batch_end 2 [loss, accuracy]",
                "test_end [accuracy, loss]"), spy.calls);
        assertEquals(r, spy.testEndLogs, "on_test_end gets the returned logs");
        // the last batch's running logs are the whole evaluation
        assertEquals(r.get("loss"), spy.testBatchLogs.get(2).get("loss"), 1e-12);
        // the first batch's are those of its 10 samples alone
        assertEquals(m.evaluate(x.rows(0, 10), ids(23).rows(0, 10), 0).get("loss"), spy.testBatchLogs.get(0).get("loss"), 1e-6);
    }

    @Test
    void predictCallsThePredictHooksPerBatch() {
        Sequential m = model();
        NDArray x = NDArray.randn(23, 3);
        Spy spy = new Spy();
        NDArray p = m.predict(x, new PredictOptions().batchSize(10).verbose(0).callbacks(spy));
        assertEquals(List.of("predict_begin", "predict_batch_begin 0", "predict_batch_end 0", "predict_batch_begin 1",
                "predict_batch_end 1", "predict_batch_begin 2", "predict_batch_end 2", "predict_end"), spy.calls);
        assertArrayEquals(m.predict(x).toFloatArray(), p.toFloatArray(), 1e-6f);
        assertTrue(spy.calls.stream().noneMatch(c -> c.startsWith("train") || c.startsWith("test")));
    }
}
