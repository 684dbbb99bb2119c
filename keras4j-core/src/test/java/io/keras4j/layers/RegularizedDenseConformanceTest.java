package io.keras4j.layers;

import io.keras4j.constraints.MaxNorm;
import io.keras4j.constraints.NonNeg;
import io.keras4j.regularizers.L1;
import io.keras4j.regularizers.L1L2;
import org.junit.jupiter.api.Test;

/** Dense with regularizers and constraints through the conformance harness (config round trip, fit step). */
class RegularizedDenseConformanceTest {
    @Test
    void denseWithPenaltiesAndConstraints() {
        LayerConformance.of(() -> new Dense(3, "tanh").kernelRegularizer("l2").biasRegularizer(new L1(0.01))
                .activityRegularizer(new L1L2(0.001, 0.001)).kernelConstraint(new MaxNorm(2)).biasConstraint(new NonNeg()))
                .input(4).expectOutputShape(3).expectParams(15).run();
    }
}
