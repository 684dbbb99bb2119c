package io.keras4j.layers;

import org.junit.jupiter.api.Test;

/**
 * SimpleRNN, LSTM and GRU through the conformance harness (gradients through time by finite
 * differences), in several argument combinations. Parameters: kernel in*G*u + recurrent
 * u*G*u + bias G*u (GRU reset_after: 2*3u).
 */
class RecurrentConformanceTest {
    @Test
    void simpleRnnLastOutput() {
        LayerConformance.of(() -> new SimpleRNN(3)).input(4, 2).expectOutputShape(3).expectParams(2 * 3 + 9 + 3).run();
    }

    @Test
    void simpleRnnSequencesBackwardsReluNoBias() {
        LayerConformance.of(() -> new SimpleRNN(3, "softsign").returnSequences(true).goBackwards(true).useBias(false))
                .input(5, 2).expectOutputShape(5, 3).expectParams(2 * 3 + 9).run();
    }

    @Test
    void lstmLastOutput() {
        LayerConformance.of(() -> new LSTM(3)).input(4, 2).expectOutputShape(3).expectParams(2 * 12 + 3 * 12 + 12).run();
    }

    @Test
    void lstmSequencesBackwards() {
        LayerConformance.of(() -> new LSTM(2).returnSequences(true).goBackwards(true).unitForgetBias(false)
                .biasInitializer("random_normal")).input(5, 3).expectOutputShape(5, 2).expectParams(3 * 8 + 2 * 8 + 8).run();
    }

    @Test
    void lstmHardSigmoidNoBias() {
        LayerConformance.of(() -> new LSTM(3).recurrentActivation("hard_sigmoid").useBias(false).kernelInitializer("random_normal"))
                .input(3, 2).expectOutputShape(3).expectParams(2 * 12 + 3 * 12).run();
    }

    @Test
    void lstmWithDropoutGradientInInference() {
        LayerConformance.of(() -> new LSTM(3).dropout(0.3).recurrentDropout(0.3)).input(4, 2).gradientInInference().noFitStep()
                .expectOutputShape(3).run();
    }

    @Test
    void gruResetAfter() {
        LayerConformance.of(() -> new GRU(3).biasInitializer("random_normal")).input(4, 2).expectOutputShape(3)
                .expectParams(2 * 9 + 3 * 9 + 2 * 9).run();
    }

    @Test
    void gruResetAfterSequencesBackwards() {
        LayerConformance.of(() -> new GRU(2).returnSequences(true).goBackwards(true)).input(5, 3)
                .expectOutputShape(5, 2).expectParams(3 * 6 + 2 * 6 + 2 * 6).run();
    }

    @Test
    void gruResetBefore() {
        LayerConformance.of(() -> new GRU(3).resetAfter(false).biasInitializer("random_normal")).input(4, 2)
                .expectOutputShape(3).expectParams(2 * 9 + 3 * 9 + 9).run();
    }

    @Test
    void gruResetBeforeSequencesBackwardsNoBias() {
        LayerConformance.of(() -> new GRU(2).resetAfter(false).returnSequences(true).goBackwards(true).useBias(false))
                .input(5, 3).expectOutputShape(5, 2).expectParams(3 * 6 + 2 * 6).run();
    }

    @Test
    void gruWithDropoutGradientInInference() {
        LayerConformance.of(() -> new GRU(3).dropout(0.2).recurrentDropout(0.4)).input(4, 2).gradientInInference().noFitStep().run();
    }
}
