package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Dense;
import io.keras4j.optimizers.Adam;
import io.keras4j.utils.Utils;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 7: {@code fit} over a Java {@code Iterable}/{@code Iterator} of batches, Keras's
 * {@code PyDataset}/generator role. Keras's epoch iterator: without {@code steps_per_epoch} each
 * epoch iterates the data again; with it, one iterator continues across epochs.
 */
class StreamingFitTest {
    private static final int N = 47, B = 10;

    private static Sequential model() {
        Utils.setRandomSeed(31);
        Sequential m = new Sequential(new Dense(6, "relu").inputDim(3), new Dense(3, "softmax"));
        m.compile(new Adam(), "sparse_categorical_crossentropy", "accuracy");
        return m;
    }

    private static NDArray ids(int n) {
        float[] y = new float[n];
        for (int i = 0; i < n; i++) y[i] = (i * 5) % 3;
        return NDArray.of(y, n);
    }

    private static List<NDArray[]> batches(NDArray x, NDArray y) {
        List<NDArray[]> b = new ArrayList<>();
        for (int s = 0; s < N; s += B) b.add(new NDArray[] {x.rows(s, Math.min(N, s + B)), y.rows(s, Math.min(N, s + B))});
        return b;
    }

    @Test
    void anIterableOfBatchesGivesTheHistoryOfTheArrays() {
        NDArray x = NDArray.randn(N, 3), y = ids(N), vx = NDArray.randn(9, 3);
        Sequential a = model(), s = model();
        History overArrays = a.fit(x, y, new FitOptions().epochs(4).batchSize(B).shuffle(false).verbose(0)
                .validationData(vx, ids(9)));
        History overBatches = s.fit(batches(x, y), new FitOptions().epochs(4).batchSize(B).verbose(0)
                .validationData(vx, ids(9)));
        assertEquals(overArrays.history(), overBatches.history());
        assertEquals(overArrays.epoch(), overBatches.epoch());
        for (int i = 0; i < a.getWeights().size(); i++) {
            assertArrayEquals(a.getWeights().get(i).toFloatArray(), s.getWeights().get(i).toFloatArray());
        }
    }

    @Test
    void stepsPerEpochContinuesOneIteratorAcrossEpochs() {
        NDArray x = NDArray.randn(N, 3), y = ids(N);
        List<NDArray[]> all = batches(x, y); // 5 batches
        int[] pulled = {0};
        Iterator<NDArray[]> it = new Iterator<>() {
            int i;
            @Override public boolean hasNext() { return i < 4; }
            @Override public NDArray[] next() { pulled[0]++; return all.get(i++); }
        };
        Sequential m = model();
        History h = m.fit(it, new FitOptions().epochs(2).stepsPerEpoch(2).verbose(0));
        assertEquals(4, pulled[0], "2 epochs of 2 steps take the first 4 batches once");
        assertEquals(4, m.getOptimizer().iterations());
        assertEquals(List.of(0, 1), h.epoch());
    }

    @Test
    void anIterableThatRunsOutMidEpochIsStartedAgain() {
        // 5 batches, 2 steps per epoch: e0 b0 b1 | e1 b2 b3 | e2 b4, out of data (warning, epoch cut short) | e3 b0 b1
        NDArray x = NDArray.randn(N, 3), y = ids(N);
        Sequential m = model();
        History h = m.fit(batches(x, y), new FitOptions().epochs(4).stepsPerEpoch(2).verbose(0));
        assertEquals(List.of(0, 1, 2, 3), h.epoch());
        assertEquals(7, m.getOptimizer().iterations());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model().fit(x, y, new FitOptions().stepsPerEpoch(2).verbose(0)));
        assertTrue(e.getMessage().contains("stepsPerEpoch is for fit over an Iterable or Iterator"), e.getMessage());
    }

    @Test
    void aConsumedIteratorEndsTraining() {
        // Keras: "Your input ran out of data; interrupting training"
        NDArray x = NDArray.randn(N, 3), y = ids(N);
        Sequential m = model();
        History h = m.fit(batches(x, y).iterator(), new FitOptions().epochs(3).verbose(0));
        assertEquals(List.of(0), h.epoch());
        assertEquals(5, m.getOptimizer().iterations());
    }

    @Test
    void sampleWeightsPerBatchAndBadBatches() {
        NDArray x = NDArray.randn(N, 3), y = ids(N);
        float[] w = new float[N];
        for (int i = 0; i < N; i++) w[i] = i % 2;
        List<NDArray[]> weighted = new ArrayList<>();
        for (NDArray[] b : batches(x, y)) {
            int n = b[0].shape()[0], s = weighted.size() * B;
            weighted.add(new NDArray[] {b[0], b[1], NDArray.of(java.util.Arrays.copyOfRange(w, s, s + n), n)});
        }
        History a = model().fit(x, y, new FitOptions().epochs(2).batchSize(B).shuffle(false).verbose(0).sampleWeight(NDArray.of(w, N)));
        History s = model().fit(weighted, new FitOptions().epochs(2).verbose(0));
        assertEquals(a.history(), s.history());
        // class weights apply to each streamed batch as to the arrays
        var cw = java.util.Map.of(0, 2.0, 2, 0.25);
        History ca = model().fit(x, y, new FitOptions().epochs(2).batchSize(B).shuffle(false).verbose(0).classWeight(cw));
        History cs = model().fit(batches(x, y), new FitOptions().epochs(2).verbose(0).classWeight(cw));
        assertEquals(ca.history(), cs.history());
        List<NDArray[]> bad = new ArrayList<>(batches(x, y));
        bad.add(new NDArray[] {NDArray.randn(4, 2), ids(4)});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model().fit(bad, new FitOptions().verbose(0)));
        assertTrue(e.getMessage().contains("expected input shape (None, 3), got (None, 2)"), e.getMessage());
    }
}
