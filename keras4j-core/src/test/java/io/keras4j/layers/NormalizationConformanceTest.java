package io.keras4j.layers;

import org.junit.jupiter.api.Test;

/** BatchNormalization and LayerNormalization through the conformance harness. */
class NormalizationConformanceTest {
    @Test
    void batchNormOnVectors() {
        // 4 params per feature: gamma, beta (trainable), moving mean and variance
        LayerConformance.of(BatchNormalization::new).input(5).batch(6).expectOutputShape(5).expectParams(20).run();
    }

    @Test
    void batchNormOnImagesChannelsLast() {
        LayerConformance.of(() -> new BatchNormalization().momentum(0.9)).input(3, 2, 4).expectOutputShape(3, 2, 4)
                .expectParams(16).run();
    }

    @Test
    void batchNormChannelsFirstAxisOne() {
        LayerConformance.of(() -> new BatchNormalization().axis(1)).input(3, 2, 2).expectOutputShape(3, 2, 2).expectParams(12).run();
    }

    @Test
    void batchNormWithoutScaleOrCenter() {
        LayerConformance.of(() -> new BatchNormalization().scale(false)).input(4).batch(5).expectParams(12).run();
        LayerConformance.of(() -> new BatchNormalization().center(false).epsilon(0.01)).input(4).batch(5).expectParams(12).run();
    }

    @Test
    void batchNormGradientInInference() {
        LayerConformance.of(BatchNormalization::new).input(2, 3).gradientInInference().expectParams(12).run();
    }

    @Test
    void layerNorm() {
        LayerConformance.of(LayerNormalization::new).input(6).expectOutputShape(6).expectParams(12).run();
        LayerConformance.of(() -> new LayerNormalization().epsilon(1e-5)).input(3, 5).expectParams(10).run();
    }

    @Test
    void layerNormWithoutScaleOrCenter() {
        LayerConformance.of(() -> new LayerNormalization().scale(false)).input(4).expectParams(4).run();
        LayerConformance.of(() -> new LayerNormalization().center(false).axis(2)).input(2, 4).expectParams(4).run();
    }
}
