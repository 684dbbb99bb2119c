package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.Keras;
import io.keras4j.KerasTensor;
import io.keras4j.NDArray;
import io.keras4j.callbacks.Callback;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Dense;
import io.keras4j.losses.Losses;
import io.keras4j.metrics.Precision;
import io.keras4j.optimizers.Adam;
import io.keras4j.utils.Utils;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sequential runs the functional graph it builds, so everything fit had for one kind of model it
 * has for the other: over iterators, with class weights, metric objects, Evaluate- and
 * PredictOptions; a functional model and the same Sequential give the same History, bit for bit.
 */
class OneTrainingPathTest {
    private static final int N = 96;

    private static NDArray x() {
        Random r = new Random(7);
        float[] v = new float[N * 3];
        for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextDouble() * 2 - 1);
        return NDArray.of(v, N, 3);
    }

    private static NDArray y(NDArray x) {
        float[] a = x.toFloatArray(), t = new float[N];
        for (int i = 0; i < N; i++) t[i] = a[i * 3] + 0.5f * a[i * 3 + 1] > 0 ? 1 : 0;
        return NDArray.of(t, N, 1);
    }

    private static Sequential sequential() {
        Utils.setRandomSeed(21);
        Sequential s = new Sequential(new Dense(6, "tanh").inputShape(3), new Dense(1, "sigmoid"));
        s.compile(new Adam().learningRate(0.02), Losses.get("binary_crossentropy"), new Precision(), new io.keras4j.metrics.Recall());
        return s;
    }

    private static Functional functional() {
        Utils.setRandomSeed(21);
        KerasTensor in = Keras.input(3);
        Functional f = Model.of(in, new Dense(1, "sigmoid").apply(new Dense(6, "tanh").apply(in)));
        f.compile(new Adam().learningRate(0.02), Losses.get("binary_crossentropy"), new Precision(), new io.keras4j.metrics.Recall());
        return f;
    }

    private static List<NDArray[]> batches(NDArray x, NDArray y) {
        List<NDArray[]> b = new ArrayList<>();
        for (int s = 0; s < N; s += 32) b.add(new NDArray[] {x.rows(s, s + 32), y.rows(s, s + 32)});
        return b;
    }

    @Test
    void functionalAndSequentialShareEveryFitFeature() {
        NDArray x = x(), y = y(x);
        Map<Integer, Double> cw = Map.of(0, 0.5, 1, 2.0);
        FitOptions arrays = new FitOptions().epochs(3).batchSize(20).verbose(0).classWeight(cw)
                .validationData(x.rows(0, 30), y.rows(0, 30)).validationFreq(2).validationBatchSize(7).initialEpoch(1);
        Sequential s = sequential();
        Functional f = functional();
        Utils.setRandomSeed(3); // the same shuffles
        History hs = s.fit(x, y, arrays);
        Utils.setRandomSeed(3);
        History hf = f.fit(x, y, arrays);
        assertEquals(hs.history(), hf.history());
        assertTrue(hs.history().containsKey("precision") && hs.history().containsKey("val_recall"), hs.history().keySet().toString());

        FitOptions streamed = new FitOptions().epochs(2).verbose(0).classWeight(cw);
        assertEquals(s.fit(batches(x, y), streamed).history(), f.fit(batches(x, y), streamed).history());
        assertEquals(s.fit(batches(x, y).iterator(), streamed).history(), f.fit(batches(x, y).iterator(), streamed).history());

        EvaluateOptions eo = new EvaluateOptions().batchSize(10).verbose(0).sampleWeight(NDArray.of(new float[N], N));
        assertEquals(s.evaluate(x, y, eo), f.evaluate(x, y, eo));
        assertArrayEquals(s.predict(x, new PredictOptions().batchSize(5).verbose(0)).toFloatArray(),
                f.predict(x, new PredictOptions().batchSize(5).verbose(0)).toFloatArray());
    }

    @Test
    void callbacksSeeTheModelTheUserCalled() {
        NDArray x = x(), y = y(x);
        Sequential s = sequential();
        List<Model> seen = new ArrayList<>();
        Callback c = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                seen.add(getModel());
                getModel().setStopTraining(true);
            }
        };
        History h = s.fit(x, y, new FitOptions().epochs(5).verbose(0).callbacks(c));
        assertSame(s, seen.get(0), "the Sequential, not its graph");
        assertEquals(1, h.history().get("loss").size(), "stop_training set on the Sequential ends fit");
    }

    @Test
    void aLayerAddedAfterTrainingRebuildsTheGraphAndKeepsTheWeights() {
        NDArray x = x(), y = y(x);
        Sequential s = new Sequential(new Dense(4, "relu").inputShape(3));
        s.compile(new Adam(), "mse");
        s.fit(x, NDArray.zeros(N, 4), new FitOptions().verbose(0));
        float[] kernel = s.getWeights().get(0).toFloatArray();
        s.add(new Dense(1, "sigmoid"));
        s.compile(new Adam(), "binary_crossentropy", "accuracy");
        assertArrayEquals(kernel, s.getWeights().get(0).toFloatArray());
        History h = s.fit(x, y, new FitOptions().epochs(2).verbose(0));
        assertEquals(2, h.history().get("accuracy").size());
        assertThrows(IllegalArgumentException.class, () -> s.add(new io.keras4j.layers.Add()));
    }
}
