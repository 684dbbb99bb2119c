package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.Keras;
import io.keras4j.KerasTensor;
import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Add;
import io.keras4j.layers.Concatenate;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Dot;
import io.keras4j.layers.Multiply;
import io.keras4j.layers.Subtract;
import io.keras4j.optimizers.Adam;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The functional API: Keras.input, layer.apply, Model.of, training of several inputs and outputs, wiring errors. */
class FunctionalModelTest {

    private static NDArray uniform(Random r, int n, int d) {
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextDouble() * 2 - 1);
        return NDArray.of(v, n, d);
    }

    @Test
    void functionalMlpTrainsBitForBitAsTheSameSequential() {
        Random r = new Random(3);
        NDArray x = uniform(r, 200, 4);
        float[] ids = new float[200];
        for (int i = 0; i < 200; i++) ids[i] = x.toFloatArray()[i * 4] + x.toFloatArray()[i * 4 + 1] > 0 ? 1 : (x.toFloatArray()[i * 4 + 2] > 0 ? 2 : 0);
        NDArray y = NDArray.of(ids, 200);
        FitOptions fo = new FitOptions().epochs(4).batchSize(32).verbose(0).validationSplit(0.2);

        Utils.setRandomSeed(99);
        Sequential seq = new Sequential(new Dense(16, "relu").inputShape(4), new Dense(3, "softmax"));
        seq.compile(new Adam(), "sparse_categorical_crossentropy", "accuracy");
        History hs = seq.fit(x, y, fo);

        Utils.setRandomSeed(99);
        KerasTensor in = Keras.input(4);
        KerasTensor out = new Dense(3, "softmax").apply(new Dense(16, "relu").apply(in));
        Functional fn = Model.of(in, out);
        fn.compile(new Adam(), "sparse_categorical_crossentropy", "accuracy");
        History hf = fn.fit(x, y, fo);

        assertEquals(hs.history().keySet(), hf.history().keySet());
        assertEquals(hs.history(), hf.history()); // exact: same ops, same shuffle, same steps
        List<NDArray> ws = seq.getWeights(), wf = fn.getWeights();
        assertEquals(ws.size(), wf.size());
        for (int i = 0; i < ws.size(); i++) assertArrayEquals(ws.get(i).toFloatArray(), wf.get(i).toFloatArray());
        assertArrayEquals(seq.predict(x).toFloatArray(), fn.predict(x).toFloatArray());
        assertEquals(seq.evaluate(x, y, 0), fn.evaluate(x, y, 0));
    }

    @Test
    void twoInputsWithASharedLayerAndConcatenateLearnATargetThatNeedsBoth() {
        Utils.setRandomSeed(5);
        Random r = new Random(5);
        int n = 512;
        NDArray xa = uniform(r, n, 3), xb = uniform(r, n, 3);
        float[] a = xa.toFloatArray(), b = xb.toFloatArray(), t = new float[n];
        double mean = 0, var = 0;
        for (int i = 0; i < n; i++) {
            t[i] = (a[i * 3] + a[i * 3 + 1] + a[i * 3 + 2]) - (b[i * 3] + b[i * 3 + 1] + b[i * 3 + 2]);
            mean += t[i] / n;
        }
        for (int i = 0; i < n; i++) var += (t[i] - mean) * (t[i] - mean) / n;
        NDArray y = NDArray.of(t, n, 1);

        KerasTensor ia = Keras.input(3), ib = Keras.input(3);
        Dense shared = new Dense(8, "tanh");
        KerasTensor h = new Concatenate().apply(shared.apply(ia), shared.apply(ib));
        Functional model = Model.of(List.of(ia, ib), List.of(new Dense(1).apply(h)));
        assertEquals(4, model.getWeights().size(), "the shared Dense has one kernel and one bias");
        model.compile(new Adam().learningRate(0.01), List.of("mse"));
        History hist = model.fit(List.of(xa, xb), List.of(y), new FitOptions().epochs(60).batchSize(32).verbose(0));
        double last = hist.history().get("loss").get(59);
        // from either input alone the best mse is var(sum of the other) = var(y) / 2
        assertTrue(last < 0.05 * var, "final loss " + last + " vs var(y) " + var);
        double eval = model.evaluate(List.of(xa, xb), List.of(y)).get("loss");
        assertTrue(eval < 0.05 * var, "evaluate " + eval);
        NDArray p = model.predict(xa, xb);
        assertArrayEquals(new int[] {n, 1}, p.shape());
    }

    @Test
    void aSharedLayerSumsTheGradientsOfItsCalls() {
        // out = W a + W b (one linear Dense, no bias, applied twice); one full-batch SGD step on mse
        KerasTensor ia = Keras.input(2), ib = Keras.input(2);
        Dense d = new Dense(1).useBias(false);
        Functional m = Model.of(List.of(ia, ib), List.of(new Add().apply(d.apply(ia), d.apply(ib))));
        float[] w = {0.5f, -0.25f};
        m.setWeights(List.of(NDArray.of(w, 2, 1)));
        float[] a = {1, 2, -1, 0.5f, 0.25f, -2}, b = {0, 1, 2, 2, -1, 1}, y = {1, -1, 0.5f};
        double lr = 0.1;
        m.compile(new SGD().learningRate(lr), List.of("mse"));
        m.fit(List.of(NDArray.of(a, 3, 2), NDArray.of(b, 3, 2)), List.of(NDArray.of(y, 3, 1)),
                new FitOptions().epochs(1).batchSize(3).shuffle(false).verbose(0));
        // by hand: r_i = w.(a_i + b_i) - y_i; dL/dw = 2/3 sum_i r_i (a_i + b_i)
        double[] g = new double[2];
        for (int i = 0; i < 3; i++) {
            double s0 = a[2 * i] + b[2 * i], s1 = a[2 * i + 1] + b[2 * i + 1];
            double ri = w[0] * s0 + w[1] * s1 - y[i];
            g[0] += 2.0 / 3 * ri * s0;
            g[1] += 2.0 / 3 * ri * s1;
        }
        float[] got = m.getWeights().get(0).toFloatArray();
        assertEquals(w[0] - lr * g[0], got[0], 1e-5);
        assertEquals(w[1] - lr * g[1], got[1], 1e-5);
    }

    @Test
    void twoOutputsReportEachOutputsLossAndTheWeightedTotal() {
        Utils.setRandomSeed(8);
        Random r = new Random(8);
        NDArray x = uniform(r, 64, 4), ya = uniform(r, 64, 2), yb = uniform(r, 64, 1);
        KerasTensor in = Keras.input(4);
        KerasTensor h = new Dense(8, "relu").apply(in);
        KerasTensor oa = ((Dense) new Dense(2).name("out_a")).apply(h);
        KerasTensor ob = ((Dense) new Dense(1).name("out_b")).apply(h);
        Functional m = Model.of(List.of(in), List.of(oa, ob));
        m.compile(new SGD(), List.of("mse", "mae"), List.of(1.0, 0.5));
        History hist = m.fit(List.of(x), List.of(ya, yb), new FitOptions().epochs(2).batchSize(16).verbose(0));
        assertEquals(List.of("loss", "out_a_loss", "out_b_loss"), List.copyOf(hist.history().keySet()));
        for (int e = 0; e < 2; e++) {
            double total = hist.history().get("loss").get(e);
            double la = hist.history().get("out_a_loss").get(e), lb = hist.history().get("out_b_loss").get(e);
            assertEquals(la + 0.5 * lb, total, 1e-5);
        }
        Map<String, Double> ev = m.evaluate(List.of(x), List.of(ya, yb));
        List<NDArray> p = m.predictAll(x);
        assertEquals(2, p.size());
        // the per-output losses by hand from the predictions
        float[] pa = p.get(0).toFloatArray(), pb = p.get(1).toFloatArray(), ta = ya.toFloatArray(), tb = yb.toFloatArray();
        double mse = 0, mae = 0;
        for (int i = 0; i < pa.length; i++) mse += (pa[i] - ta[i]) * (pa[i] - ta[i]) / pa.length;
        for (int i = 0; i < pb.length; i++) mae += Math.abs(pb[i] - tb[i]) / pb.length;
        assertEquals(mse, ev.get("out_a_loss"), 1e-5);
        assertEquals(mae, ev.get("out_b_loss"), 1e-5);
        assertEquals(mse + 0.5 * mae, ev.get("loss"), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> m.predict(x), "predict of a two-output model points to predictAll");
    }

    @Test
    void aNestedModelIsALayerWhoseWeightsTheOuterModelTrains() {
        Utils.setRandomSeed(4);
        KerasTensor ii = Keras.input(3);
        Functional inner = Model.of(ii, new Dense(2, "tanh").apply(ii));
        KerasTensor oi = Keras.input(3);
        Functional outer = Model.of(oi, new Dense(1).apply(inner.apply(oi)));
        assertEquals(4, outer.getWeights().size());
        Random r = new Random(4);
        NDArray x = uniform(r, 10, 3);
        // outer(x) = inner(x) W + b, computed by hand from the inner model's prediction
        float[] hid = inner.predict(x).toFloatArray(), w = outer.getWeights().get(2).toFloatArray();
        float bias = outer.getWeights().get(3).toFloatArray()[0];
        float[] got = outer.predict(x).toFloatArray();
        for (int i = 0; i < 10; i++) assertEquals(hid[2 * i] * w[0] + hid[2 * i + 1] * w[1] + bias, got[i], 1e-5);
        float[] before = inner.getWeights().get(0).toFloatArray();
        outer.compile(new SGD().learningRate(0.1), "mse");
        outer.fit(x, uniform(r, 10, 1), new FitOptions().epochs(2).verbose(0));
        assertNotEquals(before[0], outer.getWeights().get(0).toFloatArray()[0], "the inner kernel was trained");
        // the inner model on its own sees the weights the outer model trained, and the outer model still runs after
        float[] trainedHid = inner.predict(x).toFloatArray(), w2 = outer.getWeights().get(2).toFloatArray();
        float b2 = outer.getWeights().get(3).toFloatArray()[0];
        float[] got2 = outer.predict(x).toFloatArray();
        for (int i = 0; i < 10; i++) assertEquals(trainedHid[2 * i] * w2[0] + trainedHid[2 * i + 1] * w2[1] + b2, got2[i], 1e-5);
        outer.fit(x, uniform(r, 10, 1), new FitOptions().epochs(1).verbose(0));
        assertArrayEquals(outer.getWeights().get(0).toFloatArray(), inner.getWeights().get(0).toFloatArray());
    }

    @Test
    void mergeLayersComputeTheirValues() {
        KerasTensor a = Keras.input(2), b = Keras.input(2);
        Functional m = Model.of(List.of(a, b), List.of(new Subtract().apply(a, b), new Multiply().apply(a, b),
                new Dot(1).apply(a, b), new Concatenate().apply(a, b)));
        List<NDArray> out = m.predictAll(NDArray.of(new float[] {1, 2}, 1, 2), NDArray.of(new float[] {3, -1}, 1, 2));
        assertArrayEquals(new float[] {-2, 3}, out.get(0).toFloatArray());
        assertArrayEquals(new float[] {3, -2}, out.get(1).toFloatArray());
        assertArrayEquals(new float[] {1}, out.get(2).toFloatArray());
        assertArrayEquals(new float[] {1, 2, 3, -1}, out.get(3).toFloatArray());
        assertArrayEquals(new int[] {1, 4}, out.get(3).shape());
    }

    @Test
    void concurrentPredictsOfATwoInputModelEachGetTheirOwnPlan() throws Exception {
        Utils.setRandomSeed(12);
        KerasTensor a = Keras.input(5), b = Keras.input(5);
        Dense shared = new Dense(7, "relu");
        Functional m = Model.of(List.of(a, b), List.of(new Dense(2).apply(new Add().apply(shared.apply(a), shared.apply(b)))));
        Random r = new Random(12);
        NDArray[][] xs = new NDArray[8][];
        float[][] alone = new float[8][];
        for (int i = 0; i < 8; i++) {
            xs[i] = new NDArray[] {uniform(r, 3 + i * 37, 5), uniform(r, 3 + i * 37, 5)};
            alone[i] = m.predict(xs[i]).toFloatArray();
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Boolean>> fs = new java.util.ArrayList<>();
            for (int rep = 0; rep < 4; rep++) {
                for (int i = 0; i < 8; i++) {
                    int k = i;
                    fs.add(pool.submit(() -> java.util.Arrays.equals(alone[k], m.predict(xs[k]).toFloatArray())));
                }
            }
            for (var f : fs) assertTrue(f.get());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void mergeLayersRoundTripTheirConfig() {
        for (io.keras4j.layers.Layer l : List.of(new Add(), new Subtract(), new Multiply(), new io.keras4j.layers.Average(),
                new io.keras4j.layers.Maximum(), new io.keras4j.layers.Minimum(), new Concatenate(1), new Dot(1, true))) {
            io.keras4j.layers.Layer back = io.keras4j.layers.Layers.fromConfig(l.getClass().getSimpleName(), l.getConfig());
            assertEquals(l.getClass(), back.getClass());
            assertEquals(l.getConfig(), back.getConfig());
        }
        Map<String, Object> dot = new java.util.LinkedHashMap<>(new Dot(1).getConfig());
        dot.put("axes", List.of(1, 1));
        assertEquals(1, io.keras4j.layers.Layers.fromConfig("Dot", dot).getConfig().get("axes"));
    }

    @Test
    void wrongWiringFailsWhereItIsWritten() {
        KerasTensor a = Keras.input(4), b = Keras.input(3), c = Keras.input(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Add().apply(a, b));
        assertTrue(e.getMessage().contains("(None, 4)") && e.getMessage().contains("(None, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Concatenate().apply(Keras.input(2, 3), Keras.input(4, 3)));
        assertTrue(e.getMessage().contains("(None, 2, 3)") && e.getMessage().contains("(None, 4, 3)"), e.getMessage());
        Dense d = new Dense(2);
        d.apply(a);
        e = assertThrows(IllegalArgumentException.class, () -> d.apply(b));
        assertTrue(e.getMessage().contains("(None, 4)") && e.getMessage().contains("(None, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Dense(2).apply(a, c));
        assertTrue(e.getMessage().contains("merge layers"), e.getMessage());
        // an output that needs an input not given: a tensor from another graph
        KerasTensor sum = new Add().apply(a, c);
        e = assertThrows(IllegalArgumentException.class, () -> Model.of(a, sum));
        assertTrue(e.getMessage().contains(c.name()) && e.getMessage().contains("another graph"), e.getMessage());
        // an output not reachable from the inputs at all
        KerasTensor other = new Dense(1).apply(b);
        e = assertThrows(IllegalArgumentException.class, () -> Model.of(a, other));
        assertTrue(e.getMessage().contains("not reachable"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Model.of(other, other));
        assertTrue(e.getMessage().contains("Keras.input"), e.getMessage());
        Functional ok = Model.of(a, new Dense(1).apply(a));
        assertThrows(IllegalArgumentException.class, () -> ok.compile(new SGD(), List.of("mse", "mse")));
        ok.compile(new SGD(), "mse");
        e = assertThrows(IllegalArgumentException.class, () -> ok.fit(List.of(NDArray.zeros(5, 3)), List.of(NDArray.zeros(5, 1)),
                new FitOptions().verbose(0)));
        assertTrue(e.getMessage().contains("(None, 4)") && e.getMessage().contains("(5, 3)"), e.getMessage());
    }

    @Test
    void summaryHasTheConnectedToColumn() {
        KerasTensor a = Keras.input(3), b = Keras.input(3);
        Dense shared = (Dense) new Dense(2).name("shared");
        KerasTensor h = new Concatenate().apply(shared.apply(a), shared.apply(b));
        Functional m = Model.of(List.of(a, b), List.of(new Dense(1).apply(h)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        m.summary(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String s = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("Connected to"), s);
        assertTrue(s.contains("(InputLayer)") && s.contains(a.name() + "[0][0]"), s);
        assertTrue(s.contains("shared[0][0]") && s.contains("shared[1][0]"), s);
        assertTrue(s.contains("Total params: 13 "), s); // shared 3*2+2 (once), last 4*1+1
    }
}
