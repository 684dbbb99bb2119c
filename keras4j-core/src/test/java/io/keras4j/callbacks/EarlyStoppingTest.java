package io.keras4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keras 3's {@code EarlyStopping.on_epoch_end}, epoch by epoch by hand for each scripted series
 * of monitored values: {@code wait += 1}; an improvement resets it (when it also beats the
 * baseline); {@code wait >= patience and epoch > 0} stops.
 */
class EarlyStoppingTest {

    private static Sequential model() {
        Utils.setRandomSeed(8);
        Sequential m = new Sequential(new Dense(4, "relu").inputDim(3), new Dense(1));
        m.compile(new SGD().learningRate(0.05), "mse");
        return m;
    }

    /** Runs up to 10 epochs with {@code es} watching {@code val_score}; returns the epochs run. */
    private static int epochsRun(EarlyStopping es, Scripted s) {
        NDArray x = NDArray.randn(16, 3);
        return model().fit(x, NDArray.randn(16, 1), new FitOptions().epochs(10).batchSize(8).verbose(0).callbacks(s, es))
                .epoch().size();
    }

    @Test
    void stopsWhenPatienceRunsOutAndRestoresTheBestWeights() {
        // min mode, patience 2: e0 best 1.0 | e1 0.8 best | e2 0.85 wait 1 | e3 0.9 wait 2 -> stop at epoch 3
        Scripted s = new Scripted("val_score", 1.0, 0.8, 0.85, 0.9, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2);
        EarlyStopping es = new EarlyStopping().monitor("val_score").mode("min").patience(2).restoreBestWeights(true);
        Sequential m = model();
        m.fit(NDArray.randn(16, 3), NDArray.randn(16, 1), new FitOptions().epochs(10).batchSize(8).verbose(0).callbacks(s, es));
        assertEquals(4, s.weights.size());
        assertEquals(3, es.stoppedEpoch());
        assertEquals(1, es.bestEpoch());
        assertEquals(0.8, es.best());
        List<NDArray> now = m.getWeights();
        for (int i = 0; i < now.size(); i++) {
            assertArrayEquals(s.weights.get(1).get(i).toFloatArray(), now.get(i).toFloatArray(), "weight " + i + " of epoch 1");
        }
    }

    @Test
    void minDeltaBaselineAndStartFromEpoch() {
        // minDelta 0.1: e1 0.95 is not 0.1 better than 1.0 -> wait 1; patience 1 -> stop at epoch 1
        assertEquals(2, epochsRun(new EarlyStopping().monitor("val_score").mode("min").minDelta(0.1).patience(1),
                new Scripted("val_score", 1.0, 0.95, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0, -0.1, -0.2)));
        // baseline 0.5, patience 2: e0 wait 1 (1.0 misses the baseline) | e1 0.8 better, misses it: wait 2, no stop
        // (an improvement returns) | e2 0.85 wait 3 >= 2 -> stop at epoch 2
        assertEquals(3, epochsRun(new EarlyStopping().monitor("val_score").mode("min").baseline(0.5).patience(2),
                new Scripted("val_score", 1.0, 0.8, 0.85, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1)));
        // startFromEpoch 3: epochs 0-2 ignored; e3 best | e4 wait 1 -> stop (patience 1) at epoch 4
        assertEquals(5, epochsRun(new EarlyStopping().monitor("val_score").mode("min").patience(1).startFromEpoch(3),
                new Scripted("val_score", 9, 9, 9, 1.0, 2.0, 0.5, 0.4, 0.3, 0.2, 0.1)));
        // max mode via auto on an accuracy: e0 0.5 | e1 0.4 wait 1 -> stop at epoch 1 (patience 0 default)
        assertEquals(2, epochsRun(new EarlyStopping().monitor("val_accuracy"),
                new Scripted("val_accuracy", 0.5, 0.4, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9)));
        // never stops while improving
        assertEquals(10, epochsRun(new EarlyStopping().monitor("val_score").mode("min"),
                new Scripted("val_score", 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)));
    }

    @Test
    void kerasDocstringExample() {
        // keras/src/callbacks/early_stopping.py: Dense(10), SGD(), mse, x = arange(100).reshape(5, 20),
        // y = zeros(5) (broadcast: zeros(5, 10) here), epochs=10, batch_size=1, EarlyStopping(monitor='loss',
        // patience=3) -> "Only 4 epochs are run": the loss grows after epoch 0 (lr 0.01 on inputs up to 99)
        Utils.setRandomSeed(3);
        float[] x = new float[100];
        for (int i = 0; i < 100; i++) x[i] = i;
        Sequential m = new Sequential(new Dense(10));
        m.compile(new SGD(), "mse");
        var h = m.fit(NDArray.of(x, 5, 20), NDArray.zeros(5, 10), new FitOptions().epochs(10).batchSize(1).verbose(0)
                .callbacks(new EarlyStopping().monitor("loss").patience(3)));
        assertEquals(4, h.history().get("loss").size());
    }

    @Test
    void autoModeNeedsAKnownDirection() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> epochsRun(new EarlyStopping().monitor("val_score"), new Scripted("val_score", new double[10])));
        assertEquals(true, e.getMessage().contains("mode(\"max\")"), e.getMessage());
    }

    @Test
    void defaultMonitorIsValLoss() {
        // a real val_loss with patience 0 and lr 0: the loss never improves after epoch 0 -> stop at epoch 1
        Sequential m = model();
        m.compile(new SGD().learningRate(0), "mse");
        NDArray x = NDArray.randn(16, 3), y = NDArray.randn(16, 1);
        int run = m.fit(x, y, new FitOptions().epochs(10).verbose(0).validationData(x, y).callbacks(new EarlyStopping()))
                .epoch().size();
        assertEquals(2, run);
    }
}
