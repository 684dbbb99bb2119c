package io.keras4j.layers;

import org.junit.jupiter.api.Test;

/**
 * The activation layers through the conformance harness. Inputs are kept away from the kinks
 * (|x| >= 0.1 from each), where finite differences straddle two slopes.
 */
class ActivationLayersConformanceTest {
    /** Uniform in [-1, 1), moved off [k - 0.1, k + 0.1] for each kink k. */
    private static LayerConformance.InputGen awayFrom(double... kinks) {
        return (r, i) -> {
            while (true) {
                double v = r.nextDouble() * 2 - 1;
                boolean ok = true;
                for (double k : kinks) ok &= Math.abs(v - k) >= 0.1;
                if (ok) return (float) v;
            }
        };
    }

    @Test
    void reluDefault() {
        LayerConformance.of(ReLU::new).input(7).inputs(awayFrom(0)).expectOutputShape(7).expectParams(0).run();
    }

    @Test
    void reluWithMaxSlopeThreshold() {
        LayerConformance.of(() -> new ReLU().maxValue(0.5).negativeSlope(0.1).threshold(0.2)).input(2, 5)
                .inputs(awayFrom(0.5, 0.2)).expectParams(0).run();
        LayerConformance.of(() -> new ReLU().negativeSlope(0.3)).input(6).inputs(awayFrom(0)).run();
    }

    @Test
    void leakyRelu() {
        LayerConformance.of(LeakyReLU::new).input(4, 3).inputs(awayFrom(0)).expectParams(0).run();
        LayerConformance.of(() -> new LeakyReLU(0.05)).input(5).inputs(awayFrom(0)).run();
    }

    @Test
    void elu() {
        LayerConformance.of(ELU::new).input(6).inputs(awayFrom(0)).expectParams(0).run();
        LayerConformance.of(() -> new ELU(0.5)).input(2, 3).inputs(awayFrom(0)).run();
    }

    @Test
    void thresholdedRelu() {
        LayerConformance.of(() -> new ThresholdedReLU(0.3)).input(6).inputs(awayFrom(0.3)).expectParams(0).run();
        LayerConformance.of(ThresholdedReLU::new).input(4).inputs((r, i) -> (float) (r.nextDouble() * 4 - 2)).run();
    }

    @Test
    void softmaxLastAndMiddleAxis() {
        LayerConformance.of(Softmax::new).input(2, 5).expectParams(0).run();
        LayerConformance.of(() -> new Softmax(1)).input(3, 4).run();
        LayerConformance.of(() -> new Softmax(-2)).input(2, 3, 4).run();
    }

    @Test
    void prelu() {
        LayerConformance.of(PReLU::new).input(5).inputs(awayFrom(0)).expectParams(5).run();
        LayerConformance.of(() -> new PReLU().alphaInitializer("random_uniform").sharedAxes(1, 2)).input(3, 2, 4)
                .inputs(awayFrom(0)).expectParams(4).run();
    }
}
