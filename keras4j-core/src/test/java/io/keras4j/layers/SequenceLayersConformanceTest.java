package io.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.models.Sequential;
import org.junit.jupiter.api.Test;

/** Embedding, RepeatVector, TimeDistributed and Bidirectional through the conformance harness, and their errors. */
class SequenceLayersConformanceTest {
    @Test
    void embedding() {
        LayerConformance.of(() -> new Embedding(7, 3)).input(5).inputs((r, i) -> r.nextInt(7)).noInputGradient()
                .expectOutputShape(5, 3).expectParams(21).run();
    }

    @Test
    void embeddingOnRank2Ids() {
        LayerConformance.of(() -> new Embedding(4, 2).embeddingsInitializer("random_normal")).input(3, 2)
                .inputs((r, i) -> r.nextInt(4)).noInputGradient().expectOutputShape(3, 2, 2).expectParams(8).run();
    }

    @Test
    void embeddingRejectsOutOfRangeIdsAndMasksALayerCannotTake() {
        Sequential m = new Sequential();
        m.add(new Embedding(3, 2).name("emb").inputShape(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.predict(NDArray.of(new float[] {0, 3}, 1, 2)));
        assertTrue(e.getMessage().contains("Embedding 'emb'") && e.getMessage().contains("3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.predict(NDArray.of(new float[] {-1, 0}, 1, 2)));
        Sequential masked = new Sequential();
        masked.add(new Embedding(3, 2).maskZero(true).inputShape(2));
        masked.add(new Flatten());
        UnsupportedOperationException u = assertThrows(UnsupportedOperationException.class,
                () -> masked.predict(NDArray.of(new float[] {0, 1}, 1, 2)));
        assertTrue(u.getMessage().contains("Flatten") && u.getMessage().contains("not support"), u.getMessage());
    }

    @Test
    void embeddingUniformInitializerRange() {
        Embedding e = new Embedding(50, 20);
        e.ensureBuilt(new int[] {4});
        float[] w = e.weights().get(0).data;
        float max = 0;
        for (float v : w) max = Math.max(max, Math.abs(v));
        assertTrue(max <= 0.05f && max > 0.04f, "U(-0.05, 0.05): max |w| " + max);
    }

    @Test
    void repeatVector() {
        LayerConformance.of(() -> new RepeatVector(3)).input(4).expectOutputShape(3, 4).expectParams(0).run();
    }

    @Test
    void timeDistributedDense() {
        LayerConformance.of(() -> new TimeDistributed(new Dense(3, "tanh"))).input(4, 2).expectOutputShape(4, 3)
                .expectParams(9).run();
    }

    @Test
    void timeDistributedRefusesOtherLayers() {
        Sequential m = new Sequential();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.add(new TimeDistributed(new LSTM(2)).inputShape(3, 4, 2)));
        assertTrue(e.getMessage().contains("not supported yet"), e.getMessage());
    }

    @Test
    void bidirectionalLstmConcat() {
        LayerConformance.of(() -> new Bidirectional(new LSTM(2))).input(4, 3).expectOutputShape(4)
                .expectParams(2 * (3 * 8 + 2 * 8 + 8)).run();
    }

    @Test
    void bidirectionalGruSequencesSum() {
        LayerConformance.of(() -> new Bidirectional(new GRU(2).returnSequences(true)).mergeMode("sum")).input(4, 3)
                .expectOutputShape(4, 2).expectParams(2 * (3 * 6 + 2 * 6 + 2 * 6)).run();
    }

    @Test
    void bidirectionalSimpleRnnMulAndAve() {
        LayerConformance.of(() -> new Bidirectional(new SimpleRNN(3).returnSequences(true)).mergeMode("mul")).input(3, 2)
                .expectOutputShape(3, 3).run();
        LayerConformance.of(() -> new Bidirectional(new SimpleRNN(3)).mergeMode("ave")).input(3, 2).expectOutputShape(3).run();
    }

    @Test
    void bidirectionalWeightsAreForwardThenBackward() {
        Bidirectional b = new Bidirectional(new LSTM(2).name("enc"));
        b.ensureBuilt(new int[] {3, 4});
        assertEquals(6, b.weights().size());
        assertEquals("forward_enc/kernel", b.weights().get(0).name());
        assertEquals("backward_enc/bias", b.weights().get(5).name());
        assertTrue(b.backwardLayer().goBackwards());
        assertThrows(IllegalArgumentException.class, () -> new Bidirectional(new LSTM(2).goBackwards(true)));
        assertThrows(IllegalArgumentException.class, () -> new Bidirectional(new LSTM(2)).mergeMode(null));
    }

    @Test
    void recurrentLayersRejectWrongRank() {
        Sequential m = new Sequential();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.add(new LSTM(2).name("l").inputShape(4)));
        assertEquals("LSTM 'l': expected input of rank 3 (None, timesteps, features), got (None, 4)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GRU(2).activation("gelu"));
    }
}
