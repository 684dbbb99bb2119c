package io.keras4j.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Five steps of each schedule, boundaries and warm-up included, against Keras 3's formulas
 * evaluated in double precision by {@code schedules/reference_schedules.py} (test resources),
 * whose printed values are pasted here.
 */
class LearningRateScheduleTest {

    private static void check(LearningRateSchedule s, long[] steps, double... want) {
        for (int i = 0; i < steps.length; i++) {
            assertEquals(want[i], s.call(steps[i]), 1e-12, s.getClass().getSimpleName() + " at step " + steps[i]);
        }
    }

    private static final long[] STEPS = {0, 1, 2, 3, 5};

    @Test
    void exponentialDecay() {
        check(new ExponentialDecay(0.1, 2, 0.5), STEPS, 0.1, 0.07071067811865477, 0.05, 0.03535533905932738, 0.01767766952966369);
        check(new ExponentialDecay(0.1, 2, 0.5).staircase(true), STEPS, 0.1, 0.1, 0.05, 0.05, 0.025);
    }

    @Test
    void inverseTimeDecay() {
        check(new InverseTimeDecay(0.1, 2, 0.5), STEPS, 0.1, 0.08, 0.06666666666666667, 0.05714285714285715, 0.044444444444444446);
        check(new InverseTimeDecay(0.1, 2, 0.5).staircase(true), STEPS, 0.1, 0.1, 0.06666666666666667, 0.06666666666666667, 0.05);
    }

    @Test
    void piecewiseConstantDecayIncludesEachBoundaryInTheInterval() {
        // values[0] while step <= 2, values[1] while 2 < step <= 4, values[2] after
        check(new PiecewiseConstantDecay(new long[] {2, 4}, new double[] {1.0, 0.5, 0.1}),
                new long[] {2, 3, 4, 5, 7}, 1.0, 0.5, 0.5, 0.1, 0.1);
        assertThrows(IllegalArgumentException.class, () -> new PiecewiseConstantDecay(new long[] {2, 4}, new double[] {1.0, 0.5}));
    }

    @Test
    void polynomialDecay() {
        check(new PolynomialDecay(0.1, 4).endLearningRate(0.01).power(2), STEPS, 0.1, 0.060625000000000005, 0.0325, 0.015625, 0.01);
        check(new PolynomialDecay(0.1, 4).endLearningRate(0.01).power(2).cycle(true), STEPS,
                0.1, 0.060625000000000005, 0.0325, 0.015625, 0.022656250000000003);
        assertEquals(0.0001, new PolynomialDecay(1.0, 10).call(10), 1e-15, "default end_learning_rate");
    }

    @Test
    void cosineDecayWithAndWithoutWarmup() {
        check(new CosineDecay(0.1, 4).alpha(0.1), STEPS, 0.1, 0.08681980515339464, 0.05500000000000001, 0.023180194846605367,
                0.010000000000000002);
        // linear warm-up 0 -> 0.2 over 2 steps, then the cosine from 0.2
        check(new CosineDecay(0.0, 4).alpha(0.1).warmupTarget(0.2).warmupSteps(2), STEPS, 0.0, 0.1, 0.2, 0.1736396103067893,
                0.046360389693210734);
    }

    @Test
    void cosineDecayRestarts() {
        check(new CosineDecayRestarts(0.1, 2).mMul(0.5).alpha(0.1), new long[] {0, 1, 2, 5, 6},
                0.1, 0.05500000000000001, 0.05500000000000001, 0.016590097423302683, 0.0325);
        check(new CosineDecayRestarts(0.1, 2).tMul(1.0), new long[] {0, 1, 2, 5, 6}, 0.1, 0.05, 0.1, 0.05, 0.1);
    }

    @Test
    void decayStepsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(0.1, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new CosineDecay(0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new PolynomialDecay(0.1, -1));
    }
}
