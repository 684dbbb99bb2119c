package io.keras4j.layers;

import org.junit.jupiter.api.Test;

/** The pooling layers through the conformance harness: both paddings, strides, both data formats, 1-D and 2-D. */
class PoolingConformanceTest {
    /** Distinct values 0.01 apart (for i < 1009), so a +-1e-3 step never changes which cell is a window's max. */
    private static LayerConformance distinct(LayerConformance c) {
        return c.inputs((r, i) -> ((i * 131) % 1009) * 0.01f - 5f).tolerance(1e-3, 2e-3, 2e-2);
    }

    @Test
    void maxPooling2dDefaults() {
        distinct(LayerConformance.of(MaxPooling2D::new).input(4, 6, 3)).expectOutputShape(2, 3, 3).expectParams(0).run();
    }

    @Test
    void maxPooling2dSameStrided() {
        distinct(LayerConformance.of(() -> new MaxPooling2D(3, 2).strides(2, 1).padding("same")).input(5, 4, 2))
                .expectOutputShape(3, 4, 2).run();
    }

    @Test
    void maxPooling2dChannelsFirstOverlapping() {
        distinct(LayerConformance.of(() -> new MaxPooling2D(2).strides(1).dataFormat("channels_first")).input(3, 4, 5))
                .expectOutputShape(3, 3, 4).run();
    }

    @Test
    void maxPooling2dManyChannels() {
        // more channels than vector lanes, plus a tail
        distinct(LayerConformance.of(() -> new MaxPooling2D(2)).input(4, 2, 19)).expectOutputShape(2, 1, 19).run();
    }

    @Test
    void averagePooling2dValidAndSame() {
        LayerConformance.of(AveragePooling2D::new).input(5, 4, 3).expectOutputShape(2, 2, 3).expectParams(0).run();
        LayerConformance.of(() -> new AveragePooling2D(3).strides(2).padding("same")).input(5, 4, 19).expectOutputShape(3, 2, 19).run();
        LayerConformance.of(() -> new AveragePooling2D(2, 3).dataFormat("channels_first").padding("same")).input(2, 3, 5)
                .expectOutputShape(2, 2, 2).run();
    }

    @Test
    void pooling1d() {
        distinct(LayerConformance.of(MaxPooling1D::new).input(7, 3)).expectOutputShape(3, 3).run();
        distinct(LayerConformance.of(() -> new MaxPooling1D(3).strides(1).padding("same").dataFormat("channels_first")).input(2, 5))
                .expectOutputShape(2, 5).run();
        LayerConformance.of(() -> new AveragePooling1D(3).strides(2).padding("same")).input(6, 17).expectOutputShape(3, 17).run();
        LayerConformance.of(() -> new AveragePooling1D(2).dataFormat("channels_first")).input(3, 5).expectOutputShape(3, 2).run();
    }

    @Test
    void globalPooling() {
        LayerConformance.of(GlobalAveragePooling2D::new).input(3, 4, 5).expectOutputShape(5).expectParams(0).run();
        LayerConformance.of(() -> new GlobalAveragePooling2D().keepdims(true).dataFormat("channels_first")).input(3, 4, 5)
                .expectOutputShape(3, 1, 1).run();
        LayerConformance.of(() -> new GlobalAveragePooling1D().keepdims(true)).input(6, 17).expectOutputShape(1, 17).run();
        distinct(LayerConformance.of(GlobalMaxPooling2D::new).input(3, 4, 18)).expectOutputShape(18).run();
        distinct(LayerConformance.of(() -> new GlobalMaxPooling2D().dataFormat("channels_first").keepdims(true)).input(2, 3, 3))
                .expectOutputShape(2, 1, 1).run();
        distinct(LayerConformance.of(() -> new GlobalMaxPooling1D().dataFormat("channels_first")).input(4, 6)).expectOutputShape(4).run();
    }
}
