package io.keras4j.layers;

import org.junit.jupiter.api.Test;

/** Flatten, Reshape, Permute, padding, cropping, upsampling and Rescaling through the conformance harness. */
class ReshapingConformanceTest {
    @Test
    void flatten() {
        LayerConformance.of(Flatten::new).input(3, 4, 2).expectOutputShape(24).expectParams(0).run();
        LayerConformance.of(() -> new Flatten().dataFormat("channels_first")).input(2, 3, 4).expectOutputShape(24).run();
        LayerConformance.of(Flatten::new).input(5).expectOutputShape(5).run();
    }

    @Test
    void reshape() {
        LayerConformance.of(() -> new Reshape(4, 6)).input(2, 3, 4).expectOutputShape(4, 6).run();
        LayerConformance.of(() -> new Reshape(-1, 2, 3)).input(12).expectOutputShape(2, 2, 3).run();
    }

    @Test
    void permute() {
        LayerConformance.of(() -> new Permute(2, 1)).input(3, 5).expectOutputShape(5, 3).run();
        LayerConformance.of(() -> new Permute(3, 1, 2)).input(2, 3, 4).expectOutputShape(4, 2, 3).run();
    }

    @Test
    void zeroPadding() {
        LayerConformance.of(ZeroPadding1D::new).input(3, 2).expectOutputShape(5, 2).run();
        LayerConformance.of(() -> new ZeroPadding1D(0, 2).dataFormat("channels_first")).input(3, 2).expectOutputShape(3, 4).run();
        LayerConformance.of(ZeroPadding2D::new).input(2, 3, 2).expectOutputShape(4, 5, 2).run();
        LayerConformance.of(() -> new ZeroPadding2D(1, 0, 2, 1).dataFormat("channels_first")).input(2, 2, 3).expectOutputShape(2, 3, 6).run();
    }

    @Test
    void cropping() {
        LayerConformance.of(Cropping1D::new).input(5, 2).expectOutputShape(3, 2).run();
        LayerConformance.of(() -> new Cropping1D(0, 2)).input(5, 3).expectOutputShape(3, 3).run();
        LayerConformance.of(() -> new Cropping2D(1)).input(4, 5, 2).expectOutputShape(2, 3, 2).run();
        LayerConformance.of(() -> new Cropping2D(0, 1, 2, 0).dataFormat("channels_first")).input(2, 4, 5).expectOutputShape(2, 3, 3).run();
    }

    @Test
    void upSampling() {
        LayerConformance.of(UpSampling1D::new).input(3, 2).expectOutputShape(6, 2).run();
        LayerConformance.of(() -> new UpSampling2D(2, 3)).input(2, 2, 3).expectOutputShape(4, 6, 3).run();
        LayerConformance.of(() -> new UpSampling2D(2).dataFormat("channels_first")).input(2, 3, 2).expectOutputShape(2, 6, 4).run();
        LayerConformance.of(() -> new UpSampling2D(2, 3).interpolation("bilinear")).input(3, 2, 2).expectOutputShape(6, 6, 2).run();
        LayerConformance.of(() -> new UpSampling2D(3).interpolation("bilinear").dataFormat("channels_first")).input(2, 2, 3)
                .expectOutputShape(2, 6, 9).run();
    }

    @Test
    void rescaling() {
        LayerConformance.of(() -> new Rescaling(1 / 255.0)).input(4, 4, 1).expectOutputShape(4, 4, 1).run();
        LayerConformance.of(() -> new Rescaling(1 / 127.5, -1)).input(3).expectOutputShape(3).run();
    }
}
