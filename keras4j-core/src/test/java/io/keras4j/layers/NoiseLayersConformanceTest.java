package io.keras4j.layers;

import org.junit.jupiter.api.Test;

/**
 * Dropout, its spatial variants and GaussianNoise through the conformance harness; their
 * training mode is random, so the gradient check runs in inference mode (see
 * {@link NoiseLayersTrainingTest} for training).
 */
class NoiseLayersConformanceTest {
    @Test
    void dropout() {
        LayerConformance.of(() -> new Dropout(0.5)).input(6).gradientInInference().expectOutputShape(6).expectParams(0).run();
        LayerConformance.of(() -> new Dropout(0.2).noiseShape(-1, 1, 3).seed(7)).input(2, 3).gradientInInference().run();
    }

    @Test
    void spatialDropout() {
        LayerConformance.of(() -> new SpatialDropout1D(0.3)).input(4, 3).gradientInInference().expectParams(0).run();
        LayerConformance.of(() -> new SpatialDropout2D(0.3).seed(3)).input(2, 2, 3).gradientInInference().run();
        LayerConformance.of(() -> new SpatialDropout2D(0.3).dataFormat("channels_first")).input(3, 2, 2).gradientInInference().run();
    }

    @Test
    void gaussianNoise() {
        LayerConformance.of(() -> new GaussianNoise(0.1)).input(5).gradientInInference().expectParams(0).run();
        LayerConformance.of(() -> new GaussianNoise(1.0).seed(1)).input(2, 2).gradientInInference().run();
    }
}
