package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.callbacks.LambdaCallback;
import io.keras4j.layers.Dense;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 4: {@code class_weight}, {@code sample_weight}, {@code initial_epoch},
 * {@code validation_freq}, {@code validation_batch_size}, weighted {@code evaluate}. Keras 3
 * weighs each sample's loss and keeps dividing by the number of samples
 * ({@code sum_over_batch_size}); {@code class_weight} becomes the sample weight of each sample's
 * class ({@code class_weight_to_sample_weights}), 1 for classes not listed.
 */
class FitOptionsWeightsTest {

    private static Sequential model(double lr) {
        Utils.setRandomSeed(21);
        Sequential m = new Sequential(new Dense(5, "tanh").inputDim(4), new Dense(3, "softmax"));
        m.compile(new SGD().learningRate(lr), "categorical_crossentropy", "accuracy");
        return m;
    }

    private static final int N = 12;

    private static NDArray oneHot() {
        float[] y = new float[N * 3];
        for (int i = 0; i < N; i++) y[i * 3 + (i * 7 % 3)] = 1;
        return NDArray.of(y, N, 3);
    }

    @Test
    void sampleWeightedLossIsTheWeightedSumOverTheBatchSize() {
        // lr 0: every batch sees the same model, so the loss is a function of the data alone
        Sequential m = model(0);
        NDArray x = NDArray.randn(N, 4), y = oneHot();
        float[] w = new float[N];
        for (int i = 0; i < N; i++) w[i] = 0.25f * (i % 5);
        double expected = 0;
        for (int i = 0; i < N; i++) expected += w[i] * m.evaluate(x.rows(i, i + 1), y.rows(i, i + 1), 0).get("loss");
        expected /= N; // sum_over_batch_size: divided by the samples, not by the sum of the weights
        History h = m.fit(x, y, new FitOptions().batchSize(N).verbose(0).sampleWeight(NDArray.of(w, N)));
        assertEquals(expected, h.history().get("loss").get(0), 1e-6);
        // evaluate with the same weights (in batches of 5: the mean of the batch means, weighted by size)
        assertEquals(expected, m.evaluate(x, y, new EvaluateOptions().batchSize(5).verbose(0)
                .sampleWeight(NDArray.of(w, N, 1))).get("loss"), 1e-6);
    }

    @Test
    void classWeightsGiveTheLossesOfTheEquivalentSampleWeights() {
        NDArray x = NDArray.randn(N, 4), y = oneHot();
        Map<Integer, Double> cw = Map.of(0, 0.5, 2, 3.0); // class 1 missing: weight 1
        float[] w = new float[N];
        for (int i = 0; i < N; i++) {
            int c = i * 7 % 3;
            w[i] = c == 0 ? 0.5f : c == 2 ? 3f : 1f;
        }
        History byClass = model(0.1).fit(x, y, new FitOptions().epochs(3).batchSize(5).shuffle(false).verbose(0).classWeight(cw));
        History bySample = model(0.1).fit(x, y, new FitOptions().epochs(3).batchSize(5).shuffle(false).verbose(0)
                .sampleWeight(NDArray.of(w, N)));
        assertEquals(bySample.history().get("loss"), byClass.history().get("loss"));
        History plain = model(0.1).fit(x, y, new FitOptions().epochs(3).batchSize(5).shuffle(false).verbose(0));
        assertTrue(!plain.history().get("loss").equals(byClass.history().get("loss")), "the weights change the losses");
    }

    @Test
    void classWeightsOfSparseLabelsUseTheRoundedIds() {
        float[] ids = {0, 1, 2, 2, 1};
        float[] w = ModelData.classWeights(ids, new int[] {5}, Map.of(1, 4.0, 2, 0.5));
        assertEquals(List.of(1f, 4f, 0.5f, 0.5f, 4f), List.of(w[0], w[1], w[2], w[3], w[4]));
    }

    @Test
    void unitSampleWeightsChangeNothing() {
        NDArray x = NDArray.randn(N, 4), y = oneHot();
        float[] ones = new float[N];
        java.util.Arrays.fill(ones, 1f);
        History a = model(0.1).fit(x, y, new FitOptions().epochs(2).batchSize(5).shuffle(false).verbose(0));
        History b = model(0.1).fit(x, y, new FitOptions().epochs(2).batchSize(5).shuffle(false).verbose(0)
                .sampleWeight(NDArray.of(ones, N)));
        for (int e = 0; e < 2; e++) assertEquals(a.history().get("loss").get(e), b.history().get("loss").get(e), 1e-6);
    }

    @Test
    void badWeightsAreRejectedBeforeTraining() {
        Sequential m = model(0.1);
        NDArray x = NDArray.randn(N, 4), y = oneHot();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.fit(x, y, new FitOptions().verbose(0)
                .sampleWeight(NDArray.zeros(N - 1))));
        assertTrue(e.getMessage().contains("sample_weight must have shape (12,) or (12, 1), got (11,)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.fit(x, y, new FitOptions().verbose(0)
                .sampleWeight(NDArray.zeros(N)).classWeight(Map.of(0, 1.0))));
        assertTrue(e.getMessage().contains("class_weight and sample_weight cannot be used at the same time"), e.getMessage());
        assertEquals(0, m.getOptimizer().iterations());
    }

    @Test
    void initialEpochResumesTheEpochCount() {
        // Keras: `for epoch in range(initial_epoch, epochs)`
        Sequential m = model(0.1);
        List<Integer> begun = new ArrayList<>();
        History h = m.fit(NDArray.randn(N, 4), oneHot(), new FitOptions().epochs(5).initialEpoch(3).verbose(0)
                .callbacks(new LambdaCallback().onEpochBegin((e, logs) -> begun.add(e))));
        assertEquals(List.of(3, 4), begun);
        assertEquals(List.of(3, 4), h.epoch());
        assertEquals(2, h.history().get("loss").size());
    }

    @Test
    void validationFreqValidatesEveryNthEpochWithItsOwnBatchSize() {
        // Keras `_should_eval`: (epoch + 1) % validation_freq == 0; History lists only the values logged
        Sequential m = model(0.1);
        NDArray vx = NDArray.randn(9, 4);
        List<Integer> testBatches = new ArrayList<>();
        History h = m.fit(NDArray.randn(N, 4), oneHot(), new FitOptions().epochs(4).verbose(0).validationFreq(2)
                .validationBatchSize(4).validationData(vx, oneHot().rows(0, 9))
                .callbacks(new LambdaCallback().onTestBatchEnd((b, logs) -> testBatches.add(b))));
        assertEquals(4, h.history().get("loss").size());
        assertEquals(2, h.history().get("val_loss").size(), "validated after epochs 2 and 4 (1-based)");
        assertEquals(List.of(0, 1, 2, 0, 1, 2), testBatches, "9 samples in batches of 4, twice");
        assertEquals(m.evaluate(vx, oneHot().rows(0, 9), 0).get("loss"), h.history().get("val_loss").get(1), 1e-6,
                "validation is the model's inference-mode evaluation at the end of the epoch");
    }
}
