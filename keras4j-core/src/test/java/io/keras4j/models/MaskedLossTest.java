package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keras4j.Keras;
import io.keras4j.KerasTensor;
import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Embedding;
import io.keras4j.layers.GRU;
import io.keras4j.layers.LSTM;
import io.keras4j.layers.Layer;
import io.keras4j.layers.TimeDistributed;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A mask that reaches the model's output (Embedding mask_zero through {@code return_sequences})
 * reaches the loss and the metrics, as Keras 3's {@code apply_mask}: masked steps weigh 0 and the
 * {@code sum_over_batch_size} mean divides by the unmasked steps only.
 */
class MaskedLossTest {

    /** ids -> Embedding(4, 1, mask_zero) with table [0, 1, 2, 3] -> TimeDistributed(Dense(1)) w = 1, b = 0: pred = id. */
    private static Sequential identity() {
        Sequential m = new Sequential();
        m.add(new Embedding(4, 1).maskZero(true).inputShape(3));
        m.add(new TimeDistributed(new Dense(1)));
        m.compile(new SGD().learningRate(0.1), "mse", "mae");
        m.setWeights(List.of(NDArray.of(new float[] {0, 1, 2, 3}, 4, 1), NDArray.of(new float[] {1}, 1, 1), NDArray.of(new float[] {0}, 1)));
        return m;
    }

    // x = [[1, 2, 0], [3, 0, 0]]: mask [[1, 1, 0], [1, 0, 0]], 3 valid steps of 6
    private static final NDArray X = NDArray.of(new float[] {1, 2, 0, 3, 0, 0}, 2, 3);
    private static final NDArray Y = NDArray.of(new float[] {0, 0, 5, 1, 7, 7}, 2, 3, 1);

    @Test
    void maskedStepsLeaveTheLossTheMetricsAndTheDivisor() {
        Sequential m = identity();
        Map<String, Double> r = m.evaluate(X, Y, 0);
        // squared errors of the valid steps: (1-0)^2, (2-0)^2, (3-1)^2 -> (1 + 4 + 4) / 3
        assertEquals(3.0, r.get("loss"), 1e-6);
        // absolute errors 1, 2, 2 over the same 3 steps
        assertEquals(5.0 / 3, r.get("mae"), 1e-6);
        // sample weights (2, 1) weigh the steps but not the divisor (Keras: valid = sum(mask)): (2*1 + 2*4 + 1*4) / 3
        Map<String, Double> w = m.evaluate(X, Y, new EvaluateOptions().verbose(0).sampleWeight(NDArray.of(new float[] {2, 1}, 2)));
        assertEquals(14.0 / 3, w.get("loss"), 1e-5);
    }

    @Test
    void oneSgdStepFollowsTheMaskedMeansGradient() {
        Sequential m = identity();
        m.fit(X, Y, new FitOptions().batchSize(2).shuffle(false).verbose(0));
        List<NDArray> w = m.getWeights();
        // loss = (1/3) sum_valid (w*E[id] + b - y)^2; errors e = 1, 2, 2 at ids 1, 2, 3
        // dL/db = (2/3)(1 + 2 + 2) = 10/3; dL/dw = (2/3)(1*1 + 2*2 + 2*3) = 22/3; dL/dE[id] = (2/3) e w
        assertEquals(0 - 0.1 * 10 / 3, w.get(2).get(0), 1e-6, "bias");
        assertEquals(1 - 0.1 * 22 / 3, w.get(1).get(0, 0), 1e-6, "kernel");
        float[] table = w.get(0).toFloatArray();
        assertEquals(0f, table[0], 0f, "id 0 is only ever masked: no gradient");
        assertEquals(1 - 0.1 * 2 / 3, table[1], 1e-6);
        assertEquals(2 - 0.1 * 4 / 3, table[2], 1e-6);
        assertEquals(3 - 0.1 * 4 / 3, table[3], 1e-6);
    }

    /** Three sequences padded with 0 to length 6: at the end, at the start, and inside. */
    private static final float[][] PADDED = {{3, 1, 4, 1, 5, 2}, {0, 0, 2, 6, 5, 0}, {0, 3, 0, 0, 1, 0}};

    private static Sequential seq2seq(Supplier<Layer> recurrent, int steps) {
        Sequential m = new Sequential();
        m.add(new Embedding(7, 3).maskZero(true).inputShape(steps));
        m.add(recurrent.get());
        m.add(new TimeDistributed(new Dense(2)));
        m.compile(new SGD().learningRate(0.1), "mse", "mae");
        return m;
    }

    private static void unpaddedEquivalence(String what, Supplier<Layer> recurrent) {
        Utils.setRandomSeed(4);
        Sequential batch = seq2seq(recurrent, 6);
        List<NDArray> w0 = batch.getWeights();
        float[] flat = new float[18], targets = new float[36];
        for (int i = 0; i < 3; i++) System.arraycopy(PADDED[i], 0, flat, i * 6, 6);
        for (int i = 0; i < targets.length; i++) targets[i] = (float) Math.sin(0.7 * i);
        NDArray x = NDArray.of(flat, 3, 6), y = NDArray.of(targets, 3, 6, 2);

        // each sequence alone, without its padding: its loss is the mean over its steps
        double lossSum = 0, maeSum = 0;
        int steps = 0;
        List<float[]> gradSum = new ArrayList<>();
        for (NDArray w : w0) gradSum.add(new float[w.toFloatArray().length]);
        for (int i = 0; i < 3; i++) {
            List<Float> ids = new ArrayList<>(), ys = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                if (PADDED[i][t] == 0) continue;
                ids.add(PADDED[i][t]);
                ys.add(targets[(i * 6 + t) * 2]);
                ys.add(targets[(i * 6 + t) * 2 + 1]);
            }
            int len = ids.size();
            float[] xi = new float[len], yi = new float[2 * len];
            for (int t = 0; t < len; t++) xi[t] = ids.get(t);
            for (int t = 0; t < 2 * len; t++) yi[t] = ys.get(t);
            Sequential one = seq2seq(recurrent, len);
            one.setWeights(w0);
            Map<String, Double> r = one.evaluate(NDArray.of(xi, 1, len), NDArray.of(yi, 1, len, 2), 0);
            lossSum += r.get("loss") * len;
            maeSum += r.get("mae") * len;
            steps += len;
            one.fit(NDArray.of(xi, 1, len), NDArray.of(yi, 1, len, 2), new FitOptions().batchSize(1).verbose(0));
            List<NDArray> wi = one.getWeights();
            for (int k = 0; k < w0.size(); k++) {
                float[] a = w0.get(k).toFloatArray(), b = wi.get(k).toFloatArray(), s = gradSum.get(k);
                for (int e = 0; e < a.length; e++) s[e] += (float) ((a[e] - b[e]) / 0.1 * len);
            }
        }
        Map<String, Double> r = batch.evaluate(x, y, 0);
        assertEquals(lossSum / steps, r.get("loss"), 1e-5, what + ": loss = the step-weighted mean of the sequences' losses");
        assertEquals(maeSum / steps, r.get("mae"), 1e-5, what + ": mae over the unmasked steps");
        batch.fit(x, y, new FitOptions().batchSize(3).shuffle(false).verbose(0));
        List<NDArray> w1 = batch.getWeights();
        for (int k = 0; k < w0.size(); k++) {
            float[] a = w0.get(k).toFloatArray(), b = w1.get(k).toFloatArray(), s = gradSum.get(k);
            for (int e = 0; e < a.length; e++) {
                double want = s[e] / steps, got = (a[e] - b[e]) / 0.1;
                assertEquals(want, got, 2e-4 + 1e-3 * Math.abs(want), what + ": gradient of weight " + k + "[" + e + "]");
            }
        }
    }

    @Test
    void aPaddedBatchTrainsAsItsUnpaddedSequences() {
        unpaddedEquivalence("LSTM", () -> new LSTM(3).returnSequences(true));
        unpaddedEquivalence("GRU", () -> new GRU(3).returnSequences(true));
    }

    @Test
    void functionalModelsMaskTheirOutputsToo() {
        Utils.setRandomSeed(1);
        KerasTensor in = Keras.input(3);
        Embedding emb = new Embedding(4, 1).maskZero(true);
        Dense d = new Dense(1);
        Functional f = Model.of(in, d.apply(emb.apply(in)));
        f.compile(new SGD(), "mse");
        f.setWeights(List.of(NDArray.of(new float[] {0, 1, 2, 3}, 4, 1), NDArray.of(new float[] {1}, 1, 1), NDArray.of(new float[] {0}, 1)));
        assertEquals(3.0, f.evaluate(X, Y, 0).get("loss"), 1e-6);
    }
}
