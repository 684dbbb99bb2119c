package io.keras4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keras 3's {@code ReduceLROnPlateau.on_epoch_end}, worked by hand for a scripted monitor:
 * {@code learning_rate} is logged first (the epoch's rate, before any reduction), as float32.
 */
class ReduceLROnPlateauTest {

    private static List<Double> f32(double... v) {
        List<Double> l = new ArrayList<>();
        for (double d : v) l.add((double) (float) d);
        return l;
    }

    private static Sequential model(double lr) {
        Utils.setRandomSeed(9);
        Sequential m = new Sequential(new Dense(1).inputDim(2));
        m.compile(new SGD().learningRate(lr), "mse");
        return m;
    }

    @Test
    void reducesAfterPatienceWithCooldownAndLogsTheEpochsRate() {
        // factor 0.5, patience 1, cooldown 1, lr 0.1, monitor [1, 1, 1, .5, .6, .7]:
        // e0 lr .1, best 1 | e1 lr .1, no gain, wait 1 -> .05, cooldown 1 | e2 lr .05, cooldown -> 0, wait 0;
        // no gain, wait 1 -> .025 | e3 lr .025, .5 best | e4 lr .025, wait 1 -> .0125 | e5 lr .0125 -> .00625
        Sequential m = model(0.1);
        var h = m.fit(NDArray.randn(8, 2), NDArray.randn(8, 1), new FitOptions().epochs(6).verbose(0).callbacks(
                new Scripted("val_score", 1, 1, 1, 0.5, 0.6, 0.7),
                new ReduceLROnPlateau().monitor("val_score").factor(0.5).patience(1).cooldown(1)));
        assertEquals(f32(0.1, 0.1, 0.05, 0.025, 0.025, 0.0125), h.history().get("learning_rate"));
        assertEquals((float) 0.00625, (float) m.getOptimizer().getLearningRate());
        assertEquals(List.of("loss", "val_score", "learning_rate"), new ArrayList<>(h.history().keySet()),
                "learning_rate is added after the keys logged before it");
    }

    @Test
    void minLrBoundsTheRate() {
        // patience 1, no cooldown, minLr 0.03, never improving after e0:
        // e1 -> max(.05, .03) = .05 | e2 -> max(.025, .03) = .03 | e3: .03 is not above minLr: no change
        Sequential m = model(0.1);
        var h = m.fit(NDArray.randn(8, 2), NDArray.randn(8, 1), new FitOptions().epochs(5).verbose(0).callbacks(
                new Scripted("val_score", 1, 1, 1, 1, 1),
                new ReduceLROnPlateau().monitor("val_score").factor(0.5).patience(1).minLr(0.03)));
        assertEquals(f32(0.1, 0.1, 0.05, 0.03, 0.03), h.history().get("learning_rate"));
    }

    @Test
    void aFactorOfOneOrMoreIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau().factor(1.0));
    }
}
