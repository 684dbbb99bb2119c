package io.keras4j.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.utils.Utils;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code use_ema}: after {@code fit}, the weights are their moving average, as Keras's
 * {@code finalize_variable_values}: over two steps with momentum 0.5, {@code 0.5 w1 + 0.5 w2}
 * (the first step's average is {@code w1} itself), with w1 and w2 taken from plain SGD steps.
 */
class EmaInFitTest {

    private static Sequential model(Optimizer opt) {
        Utils.setRandomSeed(31);
        Sequential m = new Sequential();
        m.add(new Dense(2, "tanh").inputDim(3));
        m.compile(opt, "mse");
        return m;
    }

    @Test
    void fitEndsWithTheAverageWeights() {
        Utils.setRandomSeed(30);
        NDArray x = NDArray.randn(8, 3), y = NDArray.randn(8, 2);
        FitOptions one = new FitOptions().epochs(1).batchSize(4).shuffle(false).verbose(0);
        Sequential plain = model(new SGD(0.5));
        plain.fit(x.rows(0, 4), y.rows(0, 4), one);
        List<NDArray> w1 = plain.getWeights();
        plain.fit(x.rows(4, 8), y.rows(4, 8), one);
        List<NDArray> w2 = plain.getWeights();

        Sequential ema = model(new SGD(0.5).useEma(true).emaMomentum(0.5));
        ema.fit(x, y, one);
        List<NDArray> got = ema.getWeights();
        for (int k = 0; k < got.size(); k++) {
            float[] a = w1.get(k).toFloatArray(), b = w2.get(k).toFloatArray(), g = got.get(k).toFloatArray();
            for (int i = 0; i < g.length; i++) assertEquals(0.5f * a[i] + 0.5f * b[i], g[i], 1e-6f, "weight " + k + "[" + i + "]");
        }
    }
}
