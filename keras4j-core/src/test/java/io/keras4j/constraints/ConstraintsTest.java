package io.keras4j.constraints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The constraints' Keras 3 formulas on hand-computed cases, and their application after each step. */
class ConstraintsTest {
    /** A (2, 2) kernel whose columns have norms 5 and 1, rows 3 and sqrt(17). */
    private static float[] w() {
        return new float[] {3, 0, 4, 1};
    }

    private static final int[] SHAPE = {2, 2};
    private static final double EPS = 1e-7;

    private static float[] applied(Constraint c, float[] w) {
        c.apply(w, 0, SHAPE);
        return w;
    }

    @Test
    void maxNorm() {
        // axis 0: column 0 (norm 5) scaled to 2, column 1 (norm 1) kept
        float s = (float) (2 / (EPS + 5)), k = (float) (1 / (EPS + 1));
        assertArrayEquals(new float[] {3 * s, 0, 4 * s, k}, applied(new MaxNorm(), w()), 1e-6f);
        // axis -1: rows, norms 3 and sqrt(17), both above 2
        float r0 = (float) (2 / (EPS + 3)), r1 = (float) (2 / (EPS + Math.sqrt(17)));
        assertArrayEquals(new float[] {3 * r0, 0, 4 * r1, r1}, applied(new MaxNorm(2, -1), w()), 1e-6f);
        // both axes: one norm sqrt(26) for the whole kernel
        float all = (float) (3 / (EPS + Math.sqrt(26)));
        assertArrayEquals(new float[] {3 * all, 0, 4 * all, all}, applied(new MaxNorm(3, 0, 1), w()), 1e-6f);
    }

    @Test
    void unitNormMinMaxNormNonNeg() {
        assertArrayEquals(new float[] {0.6f, 0, 0.8f, 1}, applied(new UnitNorm(), w()), 1e-6f);
        // MinMaxNorm(0.5, 0.8): column 0 to 0.8, column 1 to 0.8
        assertArrayEquals(new float[] {0.48f, 0, 0.64f, 0.8f}, applied(new MinMaxNorm(0.5, 0.8), w()), 1e-6f);
        // rate 0.5: desired = 0.5 * 0.8 + 0.5 * 5 = 2.9 for column 0, 0.5 * 0.8 + 0.5 * 1 = 0.9 for column 1
        assertArrayEquals(new float[] {3 * 0.58f, 0, 4 * 0.58f, 0.9f}, applied(new MinMaxNorm(0.5, 0.8, 0.5), w()), 1e-6f);
        assertArrayEquals(new float[] {0, 2, 0, 0}, applied(new NonNeg(), new float[] {-1, 2, 0, -3}), 0f);
        assertThrows(IllegalArgumentException.class, () -> new MaxNorm(2, 2).apply(w(), 0, SHAPE));
    }

    @Test
    void byNameAndConfig() {
        assertEquals("MaxNorm", Constraints.get("max_norm").className());
        assertEquals("NonNeg", Constraints.get("non_neg").className());
        assertEquals("UnitNorm", Constraints.get("unit_norm").className());
        assertEquals("MinMaxNorm", Constraints.get("min_max_norm").className());
        Constraint c = new MinMaxNorm(0.1, 2, 0.5, 0, 1);
        assertEquals(c.serialize().toString(), Constraints.fromConfig(c.serialize()).serialize().toString());
        Constraint m = Constraints.fromConfig(Map.of("class_name", "MaxNorm", "config", Map.of("max_value", 3, "axis", List.of(0, 1))));
        assertEquals(List.of(0, 1), m.getConfig().get("axis"));
        assertThrows(IllegalArgumentException.class, () -> Constraints.get("positive"));
    }

    @Test
    void appliedAfterEachOptimizerStep() {
        Utils.setRandomSeed(11);
        Sequential m = new Sequential();
        m.add(new Dense(8, "relu").inputShape(4).kernelConstraint(new NonNeg()).biasConstraint(new NonNeg()));
        m.add(new Dense(2).kernelConstraint(new MaxNorm(0.5)));
        m.compile(new SGD().learningRate(0.5), "mse");
        NDArray x = NDArray.randn(32, 4), y = NDArray.randn(32, 2);
        m.fit(x, y, new FitOptions().epochs(3).batchSize(8).verbose(0));
        for (float v : m.getWeights().get(0).toFloatArray()) assertTrue(v >= 0, "NonNeg kernel: " + v);
        for (float v : m.getWeights().get(1).toFloatArray()) assertTrue(v >= 0, "NonNeg bias: " + v);
        float[] k = m.getWeights().get(2).toFloatArray();
        for (int j = 0; j < 2; j++) {
            double s = 0;
            for (int i = 0; i < 8; i++) s += k[i * 2 + j] * k[i * 2 + j];
            assertTrue(Math.sqrt(s) <= 0.5 + 1e-6, "column norm " + Math.sqrt(s));
        }
    }

    @Test
    void oneStepThenTheProjection() {
        // the step of RegularizersTest (x = (1, 2), W = I, y = 0, L2(0.1), SGD 0.1) gives
        // W = [[0.88, -0.2], [-0.2, 0.58]]; UnitNorm(axis 0) then scales each column to norm 1
        Sequential m = new Sequential();
        m.add(new Dense(2).inputShape(2).kernelRegularizer(new io.keras4j.regularizers.L2(0.1)).kernelConstraint(new UnitNorm()));
        m.setWeights(List.of(NDArray.of(new float[] {1, 0, 0, 1}, 2, 2), NDArray.zeros(2)));
        m.compile(new SGD().learningRate(0.1), "mse");
        m.fit(NDArray.of(new float[] {1, 2}, 1, 2), NDArray.zeros(1, 2), new FitOptions().epochs(1).batchSize(1).verbose(0));
        double n0 = Math.hypot(0.88, 0.2), n1 = Math.hypot(0.2, 0.58);
        assertArrayEquals(new float[] {(float) (0.88 / n0), (float) (-0.2 / n1), (float) (-0.2 / n0), (float) (0.58 / n1)},
                m.getWeights().get(0).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {-0.1f, -0.2f}, m.getWeights().get(1).toFloatArray(), 1e-6f, "no bias constraint");
    }
}
