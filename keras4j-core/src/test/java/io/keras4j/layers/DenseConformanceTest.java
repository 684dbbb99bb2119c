package io.keras4j.layers;

import org.junit.jupiter.api.Test;

/** Dense and Activation through the conformance harness, on rank-2 and rank-3 inputs. */
class DenseConformanceTest {
    @Test
    void denseOnVectors() {
        LayerConformance.of(() -> new Dense(3, "tanh")).input(4).expectOutputShape(3).expectParams(15).run();
    }

    @Test
    void denseReluOnSequences() {
        // relu: inputs away from the kink are not guaranteed, so a larger batch keeps most units active
        LayerConformance.of(() -> new Dense(5, "relu")).input(2, 4).expectOutputShape(2, 5).expectParams(25).run();
    }

    @Test
    void denseWithoutBias() {
        LayerConformance.of(() -> new Dense(2).useBias(false)).input(3).expectOutputShape(2).expectParams(6).run();
    }

    @Test
    void activationSoftmax() {
        LayerConformance.of(() -> new Activation("softmax")).input(2, 5).expectOutputShape(2, 5).expectParams(0).run();
    }
}
