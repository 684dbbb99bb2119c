package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Dense;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed notebook end to end through the public API, on 8 seeds.
 *
 * <p>The notebook's 2-4-4-2 ReLU net with SGD momentum 0.99 sometimes loses a ReLU unit in the
 * first epoch and settles at 0.75 (three quadrants of four) whatever the engine: measured over
 * seeds, keras4j 10 of 100 and Debian's PyTorch running the same notebook 2 of 42. So the test
 * asks what holds for a correct engine: most seeds reach 0.97, the median reaches 0.99, and no
 * run diverges.
 */
class XorNotebookTest {

    static NDArray oneHotXor(NDArray x) {
        int n = x.shape()[0];
        float[] y = new float[n * 2];
        for (int i = 0; i < n; i++) y[i * 2 + (x.get(i, 0) * x.get(i, 1) > 0 ? 0 : 1)] = 1f;
        return NDArray.of(y, n, 2);
    }

    @Test
    void reachesAccuracyOnMostSeeds() {
        double[] acc = new double[8];
        for (int seed = 0; seed < acc.length; seed++) acc[seed] = notebook(seed);
        double[] sorted = acc.clone();
        java.util.Arrays.sort(sorted);
        long good = java.util.Arrays.stream(acc).filter(a -> a >= 0.97).count();
        String all = java.util.Arrays.toString(acc);
        assertTrue(good >= 7, "seeds reaching 0.97: " + all);
        assertTrue(sorted[4] >= 0.99, "median accuracy: " + all);
        assertTrue(sorted[0] >= 0.70, "a run diverged: " + all);
    }

    /** The notebook's cells; returns the test accuracy. */
    private static double notebook(long seed) {
        Utils.setRandomSeed(seed);
        Sequential model = new Sequential();
        model.add(new Dense(4, "relu").inputDim(2));
        model.add(new Dense(4, "relu"));
        model.add(new Dense(2, "softmax"));
        model.compile(new SGD().decay(0.001).momentum(0.99), "binary_crossentropy", "accuracy");
        NDArray xTrain = NDArray.randn(10000, 2);
        NDArray yTrain = oneHotXor(xTrain);
        History h = model.fit(xTrain, yTrain, new FitOptions().epochs(200).batchSize(100).verbose(0));
        List<Double> loss = h.history().get("loss");
        assertEquals(200, loss.size());
        assertEquals(200, h.history().get("accuracy").size());
        assertTrue(loss.get(199) < loss.get(0), "loss decreases");

        NDArray xTest = NDArray.randn(5000, 2);
        NDArray yTest = model.predict(xTest);
        assertArrayEquals(new int[] {5000, 2}, yTest.shape());
        NDArray predicted = yTest.argmax(1), truth = oneHotXor(xTest).argmax(1);
        int hits = 0;
        for (int i = 0; i < 5000; i++) if (predicted.get(i) == truth.get(i)) hits++;
        double acc = hits / 5000.0;
        double evalAcc = model.evaluate(xTest, oneHotXor(xTest)).get("accuracy");
        assertEquals(acc, evalAcc, 1e-9, "evaluate's accuracy equals the predicted one");
        return acc;
    }
}
