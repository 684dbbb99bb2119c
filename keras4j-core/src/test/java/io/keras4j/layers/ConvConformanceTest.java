package io.keras4j.layers;

import io.keras4j.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * The convolution layers through the conformance harness, over their arguments. With a ReLU the
 * finite differences take a smaller step: a step of 1e-2 in one kernel weight moves many
 * pre-activations, and some cross the kink; a bias of ones keeps most away from it (and the
 * outputs no window reaches, bias only, off the kink itself).
 */
class ConvConformanceTest {
    /**
     * The layer, with the random seed reset: its weights, drawn when the harness builds it right
     * after, are the same whatever tests ran before, so a kink crossing is not a matter of order.
     */
    private static <L extends Layer> L seeded(L layer) {
        Utils.setRandomSeed(7);
        return layer;
    }

    private static final double RELU_EPS = 1e-3;

    @Test
    void conv2dValid() {
        LayerConformance.of(() -> seeded(new Conv2D(3, 3))).input(5, 4, 2).expectOutputShape(3, 2, 3).expectParams(57).run();
    }

    @Test
    void conv2dSameStridedRelu() {
        LayerConformance.of(() -> seeded(new Conv2D(4, 3, "relu").strides(2).padding("same"))).input(5, 5, 2)
                .expectOutputShape(3, 3, 4).expectParams(76).batch(4)
                .tolerance(RELU_EPS, 2e-3, 2e-2).run();
    }

    @Test
    void conv2dDilatedRectangularNoBias() {
        LayerConformance.of(() -> seeded(new Conv2D(2, 2, 3).dilationRate(2, 1).useBias(false))).input(6, 5, 3)
                .expectOutputShape(4, 3, 2).expectParams(36).run();
    }

    @Test
    void conv2dGroups() {
        LayerConformance.of(() -> seeded(new Conv2D(4, 2).groups(2).padding("same").activation("tanh"))).input(4, 3, 6)
                .expectOutputShape(4, 3, 4).expectParams(2 * 2 * 3 * 4 + 4).run();
    }

    @Test
    void conv2dChannelsFirst() {
        LayerConformance.of(() -> seeded(new Conv2D(3, 2).dataFormat("channels_first").strides(1, 2))).input(2, 4, 5)
                .expectOutputShape(3, 3, 2).expectParams(27).run();
    }

    @Test
    void conv1dCausalDilated() {
        LayerConformance.of(() -> seeded(new Conv1D(3, 2).padding("causal").dilationRate(2))).input(6, 2)
                .expectOutputShape(6, 3).expectParams(15).run();
    }

    @Test
    void conv1dSameStridedGroupsChannelsFirst() {
        LayerConformance.of(() -> seeded(new Conv1D(4, 3, "sigmoid").strides(2).padding("same").groups(2)
                .dataFormat("channels_first"))).input(2, 7).expectOutputShape(4, 4).expectParams(3 * 1 * 4 + 4).run();
    }

    @Test
    void depthwise() {
        LayerConformance.of(() -> seeded(new DepthwiseConv2D(3).depthMultiplier(2).padding("same"))).input(4, 5, 3)
                .expectOutputShape(4, 5, 6).expectParams(9 * 6 + 6).run();
    }

    @Test
    void depthwiseStridedChannelsFirst() {
        LayerConformance.of(() -> seeded(new DepthwiseConv2D(2, 3).strides(2).dataFormat("channels_first").useBias(false)))
                .input(2, 5, 6).expectOutputShape(2, 2, 2).expectParams(12).run();
    }

    @Test
    void separable() {
        LayerConformance.of(() -> seeded(new SeparableConv2D(3, 3, "relu").depthMultiplier(2).padding("same")
                .biasInitializer("ones"))).input(4, 4, 2)
                .expectOutputShape(4, 4, 3).expectParams(9 * 2 * 2 + 4 * 3 + 3).batch(4)
                .tolerance(RELU_EPS, 2e-3, 2e-2).run();
    }

    @Test
    void separableDilated() {
        LayerConformance.of(() -> seeded(new SeparableConv2D(2, 2).dilationRate(2))).input(5, 5, 3)
                .expectOutputShape(3, 3, 2).expectParams(4 * 3 + 3 * 2 + 2).run();
    }

    @Test
    void transposeSameStrided() {
        LayerConformance.of(() -> seeded(new Conv2DTranspose(2, 3).strides(2).padding("same"))).input(3, 2, 3)
                .expectOutputShape(6, 4, 2).expectParams(9 * 2 * 3 + 2).run();
    }

    @Test
    void transposeValidOutputPaddingRelu() {
        LayerConformance.of(() -> seeded(new Conv2DTranspose(3, 2, "relu").strides(3, 2).outputPadding(1, 1)
                .biasInitializer("ones"))).input(2, 3, 2)
                .expectOutputShape(6, 7, 3).expectParams(4 * 3 * 2 + 3).batch(4)
                .tolerance(RELU_EPS, 2e-3, 2e-2).run();
    }

    @Test
    void transposeDilatedChannelsFirst() {
        LayerConformance.of(() -> seeded(new Conv2DTranspose(2, 2).dilationRate(2).dataFormat("channels_first"))).input(3, 3, 2)
                .expectOutputShape(2, 5, 4).expectParams(4 * 2 * 3 + 2).run();
    }
}
