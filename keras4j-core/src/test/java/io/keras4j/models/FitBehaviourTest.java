package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.callbacks.Callback;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Activation;
import io.keras4j.layers.Dense;
import io.keras4j.losses.SparseCategoricalCrossentropy;
import io.keras4j.optimizers.Adam;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keras behaviour of fit beyond the numerics: validation, callbacks, History, deferred build. */
class FitBehaviourTest {

    private static Sequential mlp() {
        Sequential m = new Sequential();
        m.add(new Dense(8, "tanh").inputDim(3));
        m.add(new Dense(3, "softmax"));
        return m;
    }

    private static NDArray labels(NDArray x) {
        int n = x.shape()[0];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) y[i] = x.get(i, 0) > 0 ? (x.get(i, 1) > 0 ? 2 : 1) : 0;
        return NDArray.of(y, n);
    }

    @Test
    void validationSplitTakesTheLastSamplesAndLogsValKeysInKerasOrder() {
        Utils.setRandomSeed(11);
        Sequential m = mlp();
        m.compile(new Adam(), "sparse_categorical_crossentropy", "accuracy");
        NDArray x = NDArray.randn(200, 3);
        NDArray y = labels(x);
        History h = m.fit(x, y, new FitOptions().epochs(3).batchSize(16).validationSplit(0.25).verbose(0));
        assertEquals(List.of("accuracy", "loss", "val_accuracy", "val_loss"), new ArrayList<>(h.history().keySet()));
        assertEquals(List.of(0, 1, 2), h.epoch());
        Map<String, Double> val = m.evaluate(x.rows(150, 200), y.rows(150, 200));
        assertEquals(val.get("loss"), h.history().get("val_loss").get(2), 1e-6, "val_loss is the evaluation of the last 25%");
        assertEquals(val.get("accuracy"), h.history().get("val_accuracy").get(2), 1e-9);
    }

    @Test
    void validationDataAndCallbackHooksInOrder() {
        Utils.setRandomSeed(12);
        Sequential m = mlp();
        m.compile(new SGD().learningRate(0.1), new SparseCategoricalCrossentropy(), "accuracy");
        NDArray x = NDArray.randn(50, 3);
        List<String> calls = new ArrayList<>();
        Callback spy = new Callback() {
            @Override public void onTrainBegin(Map<String, Double> logs) { calls.add("train_begin"); }
            @Override public void onEpochBegin(int e, Map<String, Double> logs) { calls.add("epoch_begin " + e); }
            @Override public void onTrainBatchEnd(int b, Map<String, Double> logs) { calls.add("batch_end " + b + " " + logs.keySet()); }
            @Override public void onEpochEnd(int e, Map<String, Double> logs) { calls.add("epoch_end " + e + " " + logs.keySet()); }
            @Override public void onTrainEnd(Map<String, Double> logs) { calls.add("train_end"); }
        };
        NDArray vx = NDArray.randn(10, 3);
        m.fit(x, labels(x), new FitOptions().epochs(2).batchSize(25).verbose(0).validationData(vx, labels(vx)).callbacks(spy));
        assertEquals(List.of("train_begin", "epoch_begin 0", "batch_end 0 [loss, accuracy]", "batch_end 1 [loss, accuracy]",
                "epoch_end 0 [accuracy, loss, val_accuracy, val_loss]", "epoch_begin 1", "batch_end 0 [loss, accuracy]",
                "batch_end 1 [loss, accuracy]", "epoch_end 1 [accuracy, loss, val_accuracy, val_loss]", "train_end"), calls);
    }

    @Test
    void stopTrainingFromACallbackEndsAfterTheEpoch() {
        Sequential m = mlp();
        m.compile("adam", "sparse_categorical_crossentropy");
        NDArray x = NDArray.randn(20, 3);
        History h = m.fit(x, labels(x), new FitOptions().epochs(10).verbose(0).callbacks(new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                if (epoch == 2) getModel().setStopTraining(true);
            }
        }));
        assertEquals(3, h.history().get("loss").size());
    }

    @Test
    void modelWithoutInputShapeIsBuiltByTheFirstFit() {
        Sequential m = new Sequential();
        m.add(new Dense(5));
        m.add(new Activation("relu"));
        m.add(new Dense(1, "sigmoid"));
        m.compile("rmsprop", "binary_crossentropy", "accuracy");
        assertTrue(m.getWeights().isEmpty());
        NDArray x = NDArray.randn(30, 4);
        NDArray y = NDArray.of(new float[30], 30, 1);
        History h = m.fit(x, y, new FitOptions().epochs(2).batchSize(7).verbose(0));
        assertEquals(4, m.getWeights().size());
        assertArrayEquals(new int[] {4, 5}, m.getWeights().get(0).shape());
        assertEquals(2, h.history().get("accuracy").size());
        assertArrayEquals(new int[] {3, 1}, m.predict(NDArray.randn(3, 4)).shape());
    }

    @Test
    void historyLossIsTheBatchWeightedMeanWithAPartialLastBatch() {
        // lr 0: the weights never move, so every batch loss is the loss of the same model
        Sequential m = mlp();
        m.compile(new SGD().learningRate(0), "sparse_categorical_crossentropy");
        NDArray x = NDArray.randn(23, 3);
        History h = m.fit(x, labels(x), new FitOptions().epochs(1).batchSize(10).shuffle(false).verbose(0));
        assertEquals(m.evaluate(x, labels(x)).get("loss"), h.history().get("loss").get(0), 1e-6);
    }
}
