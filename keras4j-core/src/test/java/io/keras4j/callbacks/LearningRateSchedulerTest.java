package io.keras4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keras's {@code LearningRateScheduler}: {@code schedule(epoch, lr)} at each epoch's start; {@code learning_rate} logged. */
class LearningRateSchedulerTest {

    private static Sequential model() {
        Utils.setRandomSeed(10);
        Sequential m = new Sequential(new Dense(1).inputDim(2));
        m.compile(new SGD().learningRate(0.1), "mse");
        return m;
    }

    @Test
    void theScheduleSetsTheRateOfEachEpoch() {
        List<String> calls = new ArrayList<>();
        var h = model().fit(NDArray.randn(8, 2), NDArray.randn(8, 1), new FitOptions().epochs(4).verbose(0).callbacks(
                new LearningRateScheduler((epoch, lr) -> {
                    calls.add(epoch + ":" + (float) (double) lr);
                    return epoch < 2 ? lr : lr * 0.5;
                })));
        assertEquals(List.of("0:0.1", "1:0.1", "2:0.1", "3:0.05"), calls, "the schedule gets the current (float32) rate");
        List<Double> expected = new ArrayList<>();
        for (double d : new double[] {0.1, 0.1, 0.05, 0.025}) expected.add((double) (float) d);
        assertEquals(expected, h.history().get("learning_rate"));
    }

    @Test
    void theRateIsTheOneTheOptimizerUses() {
        // rate 0 from epoch 1 on: the weights after epoch 0 are the final ones
        Sequential m = model();
        Scripted s = new Scripted("unused", 0, 0, 0);
        m.fit(NDArray.randn(8, 2), NDArray.randn(8, 1), new FitOptions().epochs(3).verbose(0).callbacks(s,
                new LearningRateScheduler((epoch, lr) -> epoch == 0 ? lr : 0.0)));
        assertArrayEquals(s.weights.get(0).get(0).toFloatArray(), m.getWeights().get(0).toFloatArray());
        assertNotEquals(0.1, m.getOptimizer().getLearningRate());
    }
}
