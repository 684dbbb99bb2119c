package io.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keras4j.NDArray;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Masking through the recurrent layers: a padded, masked batch gives the same predictions and the
 * same gradients (read from one SGD step) as its unpadded sequences one by one.
 */
class MaskingTest {
    private static final float LR = 0.1f;

    /** Ids of three sequences padded with 0 to length 6 (padding at the end, at the start, and inside). */
    private static final float[][] PADDED = {{3, 1, 4, 1, 5, 2}, {0, 0, 2, 6, 5, 0}, {0, 0, 0, 0, 3, 0}};

    private static float[] unpadded(float[] row) {
        int n = 0;
        for (float v : row) if (v != 0) n++;
        float[] r = new float[n];
        int k = 0;
        for (float v : row) if (v != 0) r[k++] = v;
        return r;
    }

    private static Sequential model(Supplier<List<Layer>> recurrent, int steps, boolean embedding) {
        Sequential m = new Sequential();
        m.add(embedding ? new Embedding(7, 3).maskZero(true).inputShape(steps) : new Masking().inputShape(steps, 2));
        for (Layer l : recurrent.get()) m.add(l);
        m.add(new Dense(2));
        m.compile(new SGD().learningRate(LR), "mse");
        return m;
    }

    private static void check(String what, Supplier<List<Layer>> recurrent) {
        Utils.setRandomSeed(9);
        Sequential batch = model(recurrent, 6, true);
        List<NDArray> w0 = batch.getWeights();
        float[] flat = new float[18];
        for (int i = 0; i < 3; i++) System.arraycopy(PADDED[i], 0, flat, i * 6, 6);
        NDArray x = NDArray.of(flat, 3, 6);
        NDArray y = NDArray.of(new float[] {0.5f, -1, 1, 0.25f, -0.5f, 2}, 3, 2);
        float[] pred = batch.predict(x).toFloatArray();

        List<float[]> sumGrad = new ArrayList<>();
        for (NDArray w : w0) sumGrad.add(new float[w.toFloatArray().length]);
        for (int i = 0; i < 3; i++) {
            float[] ids = unpadded(PADDED[i]);
            Sequential one = model(recurrent, ids.length, true);
            one.setWeights(w0);
            NDArray xi = NDArray.of(ids, 1, ids.length);
            float[] p = one.predict(xi).toFloatArray();
            for (int j = 0; j < 2; j++) assertEquals(p[j], pred[i * 2 + j], 1e-6, what + ": prediction of sequence " + i);
            one.fit(xi, NDArray.of(new float[] {y.get(i, 0), y.get(i, 1)}, 1, 2), new FitOptions().batchSize(1).shuffle(false).verbose(0));
            List<NDArray> wi = one.getWeights();
            for (int k = 0; k < w0.size(); k++) {
                float[] a = w0.get(k).toFloatArray(), b = wi.get(k).toFloatArray(), s = sumGrad.get(k);
                for (int e = 0; e < a.length; e++) s[e] += (a[e] - b[e]) / LR;
            }
        }
        batch.fit(x, y, new FitOptions().batchSize(3).shuffle(false).verbose(0));
        List<NDArray> w1 = batch.getWeights();
        for (int k = 0; k < w0.size(); k++) {
            float[] a = w0.get(k).toFloatArray(), b = w1.get(k).toFloatArray(), s = sumGrad.get(k);
            for (int e = 0; e < a.length; e++) {
                double batchGrad = (a[e] - b[e]) / LR, mean = s[e] / 3;
                assertEquals(mean, batchGrad, 2e-4 + 1e-3 * Math.abs(mean), what + ": gradient of weight " + k + "[" + e + "]");
            }
        }
    }

    @Test
    void lstm() {
        check("LSTM", () -> List.of(new LSTM(3)));
    }

    @Test
    void stackedLstmsGoingBackwards() {
        check("LSTM stack", () -> List.of(new LSTM(3).returnSequences(true), new LSTM(2).goBackwards(true)));
    }

    @Test
    void gruBothResets() {
        check("GRU", () -> List.of(new GRU(3).biasInitializer("random_normal")));
        check("GRU reset_after=False", () -> List.of(new GRU(3).resetAfter(false).biasInitializer("random_normal")));
    }

    @Test
    void bidirectional() {
        check("Bidirectional LSTM", () -> List.of(new Bidirectional(new LSTM(3))));
        check("Bidirectional GRU sequences", () -> List.of(new Bidirectional(new GRU(2).returnSequences(true)).mergeMode("sum"),
                new SimpleRNN(2)));
    }

    @Test
    void simpleRnnSequences() {
        check("SimpleRNN", () -> List.of(new SimpleRNN(3).returnSequences(true), new SimpleRNN(2)));
    }

    @Test
    void maskingLayerSkipsAllZeroSteps() {
        Utils.setRandomSeed(3);
        Sequential padded = new Sequential();
        padded.add(new Masking().inputShape(4, 2));
        padded.add(new GRU(3));
        float[] x = {1, 2, 0, 0, -1, 0.5f, 0, 0};
        NDArray out = padded.predict(NDArray.of(x, 1, 4, 2));
        Sequential plain = new Sequential();
        plain.add(new GRU(3).inputShape(2, 2));
        plain.setWeights(padded.getWeights());
        NDArray want = plain.predict(NDArray.of(new float[] {1, 2, -1, 0.5f}, 1, 2, 2));
        for (int j = 0; j < 3; j++) assertEquals(want.get(0, j), out.get(0, j), 1e-6);
    }
}
