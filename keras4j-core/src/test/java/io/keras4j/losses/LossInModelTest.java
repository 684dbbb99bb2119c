package io.keras4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import org.junit.jupiter.api.Test;

/** A loss object in {@code compile}: the model's loss is the loss's {@code call} on its predictions, reduction included. */
class LossInModelTest {

    private static Sequential model(Loss loss) {
        Utils.setRandomSeed(7);
        Sequential m = new Sequential();
        m.add(new Dense(3, "tanh").inputDim(4));
        m.compile(new SGD(), loss);
        return m;
    }

    @Test
    void evaluateEqualsCallForSumAndMeanReductions() {
        Utils.setRandomSeed(8);
        NDArray x = NDArray.randn(20, 4), y = NDArray.randn(20, 3);
        for (String reduction : new String[] {"sum_over_batch_size", "sum"}) {
            Loss loss = new Huber(0.5).reduction(reduction);
            Sequential m = model(loss);
            double want = loss.call(y, m.predict(x)).get();
            assertEquals(want, m.evaluate(x, y, 0).get("loss"), 1e-5 * Math.abs(want), reduction);
        }
    }

    @Test
    void reductionNoneCannotTrain() {
        Sequential m = model(new LogCosh().reduction("none"));
        assertThrows(IllegalArgumentException.class, () -> m.evaluate(NDArray.randn(4, 4), NDArray.randn(4, 3), 0));
    }
}
