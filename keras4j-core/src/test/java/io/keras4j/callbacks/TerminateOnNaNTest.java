package io.keras4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keras's {@code TerminateOnNaN}: training stops after the first batch whose loss is NaN or infinite. */
class TerminateOnNaNTest {

    @Test
    void aDivergingRunEndsAtTheFirstInvalidLoss() {
        Utils.setRandomSeed(13);
        Sequential m = new Sequential(new Dense(8).inputDim(4), new Dense(1));
        m.compile(new SGD().learningRate(1e4), "mse"); // diverges within a few steps
        NDArray x = NDArray.randn(100, 4);
        List<Double> losses = new ArrayList<>();
        var h = m.fit(x, NDArray.randn(100, 1), new FitOptions().epochs(50).batchSize(10).shuffle(false).verbose(0)
                .callbacks(new LambdaCallback().onTrainBatchEnd((b, logs) -> losses.add(logs.get("loss"))), new TerminateOnNaN()));
        double last = losses.get(losses.size() - 1);
        assertFalse(Double.isFinite(last), "the last batch had an invalid loss: " + losses);
        for (int i = 0; i < losses.size() - 1; i++) assertTrue(Double.isFinite(losses.get(i)), "batch " + i);
        assertTrue(losses.size() < 500, "stopped early: " + losses.size() + " batches");
        assertEquals(losses.size(), m.getOptimizer().iterations());
        assertEquals((losses.size() + 9) / 10, h.epoch().size());
    }
}
