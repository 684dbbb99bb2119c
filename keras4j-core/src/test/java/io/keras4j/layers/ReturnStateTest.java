package io.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.Keras;
import io.keras4j.KerasTensor;
import io.keras4j.NDArray;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Functional;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@code return_state} and {@code initial_state} of the recurrent layers: a layer of several
 * outputs in the functional graph, the final states as Keras defines them, their gradients by
 * finite differences, and a small encoder-decoder that can only learn through the states.
 */
class ReturnStateTest {

    private static NDArray values(Random r, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextDouble() * 2 - 1);
        return NDArray.of(v, shape);
    }

    /** Steps {@code [from, to)} of {@code x (n, T, f)}. */
    private static NDArray steps(NDArray x, int from, int to) {
        int n = x.shape()[0], t = x.shape()[1], f = x.shape()[2];
        float[] a = x.toFloatArray(), b = new float[n * (to - from) * f];
        for (int i = 0; i < n; i++) System.arraycopy(a, (i * t + from) * f, b, i * (to - from) * f, (to - from) * f);
        return NDArray.of(b, n, to - from, f);
    }

    private static void assertClose(NDArray want, NDArray got, String what) {
        float[] a = want.toFloatArray(), b = got.toFloatArray();
        assertEquals(a.length, b.length, what);
        for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-5, what + " [" + i + "]");
    }

    /**
     * The states returned after the first half of a sequence, given as the initial state of the
     * second half, give the states (and the output) of the whole sequence: what h and c are.
     */
    private static void statesContinueTheSequence(String what, Supplier<RecurrentLayer<?>> make, int states) {
        Utils.setRandomSeed(11);
        Random r = new Random(11);
        NDArray x = values(r, 5, 6, 3);
        KerasTensor whole = Keras.input(6, 3);
        RecurrentLayer<?> full = make.get().returnState(true);
        List<KerasTensor> f = full.applyAll(whole);
        assertEquals(1 + states, f.size(), what + ": [output, states...]");
        for (int i = 1; i < f.size(); i++) assertEquals("(None, 4)", NDArray.shapeString(Layer.withBatch(f.get(i).shape())));
        Functional m = Model.of(List.of(whole), f);
        List<NDArray> want = m.predictAll(x);
        assertClose(want.get(0), want.get(1), what + ": without return_sequences the output is h");

        KerasTensor a = Keras.input(3, 3), b = Keras.input(3, 3);
        RecurrentLayer<?> first = make.get().returnState(true), second = make.get().returnState(true);
        List<KerasTensor> s1 = first.applyAll(a);
        KerasTensor[] in2 = new KerasTensor[1 + states];
        in2[0] = b;
        for (int i = 1; i <= states; i++) in2[i] = s1.get(i);
        List<KerasTensor> s2 = second.applyAll(in2);
        Functional halves = Model.of(List.of(a, b), s2);
        first.setWeights(full.getWeights());
        second.setWeights(full.getWeights());
        List<NDArray> got = halves.predictAll(steps(x, 0, 3), steps(x, 3, 6));
        for (int i = 0; i <= states; i++) assertClose(want.get(i), got.get(i), what + ": output " + i);
    }

    @Test
    void lstmStatesAreHAndC() {
        statesContinueTheSequence("LSTM", () -> new LSTM(4), 2);
    }

    @Test
    void gruAndSimpleRnnStatesAreH() {
        statesContinueTheSequence("GRU", () -> new GRU(4), 1);
        statesContinueTheSequence("GRU reset_after=False", () -> new GRU(4).resetAfter(false), 1);
        statesContinueTheSequence("SimpleRNN", () -> new SimpleRNN(4), 1);
    }

    @Test
    void withReturnSequencesTheStateIsTheLastStepsOutput() {
        Utils.setRandomSeed(2);
        KerasTensor in = Keras.input(5, 2);
        List<KerasTensor> o = new LSTM(3).returnSequences(true).goBackwards(true).returnState(true).applyAll(in);
        List<NDArray> p = Model.of(List.of(in), o).predictAll(values(new Random(2), 4, 5, 2));
        float[] seq = p.get(0).toFloatArray(), h = p.get(1).toFloatArray();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) assertEquals(seq[(i * 5 + 4) * 3 + j], h[i * 3 + j], 1e-6, "sample " + i);
        }
    }

    @Test
    void bidirectionalReturnsEachDirectionsStates() {
        Utils.setRandomSeed(8);
        NDArray x = values(new Random(8), 3, 5, 2);
        KerasTensor in = Keras.input(5, 2);
        Bidirectional bi = new Bidirectional(new LSTM(3).returnState(true));
        List<KerasTensor> o = bi.applyAll(in);
        assertEquals(5, o.size(), "[output, h_fwd, c_fwd, h_bwd, c_bwd]");
        assertEquals("(None, 6)", NDArray.shapeString(Layer.withBatch(o.get(0).shape())));
        List<NDArray> got = Model.of(List.of(in), o).predictAll(x);
        List<NDArray> w = bi.getWeights();
        for (int dir = 0; dir < 2; dir++) {
            KerasTensor one = Keras.input(5, 2);
            LSTM l = new LSTM(3).goBackwards(dir == 1).returnState(true);
            List<KerasTensor> lo = l.applyAll(one);
            l.setWeights(w.subList(3 * dir, 3 * dir + 3));
            List<NDArray> want = Model.of(List.of(one), lo).predictAll(x);
            assertClose(want.get(1), got.get(1 + 2 * dir), "h of direction " + dir);
            assertClose(want.get(2), got.get(2 + 2 * dir), "c of direction " + dir);
        }
        assertThrows(IllegalArgumentException.class, () -> bi.apply(in));
        assertThrows(IllegalArgumentException.class, () -> new Sequential().add(new Bidirectional(new GRU(2).returnState(true))));
    }

    /** Gradients through returned states and initial states: one SGD step against central differences of the loss. */
    @Test
    void gradientsThroughStatesMatchFiniteDifferences() {
        Utils.setRandomSeed(5);
        Random r = new Random(5);
        KerasTensor x = Keras.input(3, 2), z = Keras.input(2);
        KerasTensor h0 = new Dense(3, "tanh").apply(z), c0 = new Dense(3).apply(z);
        List<KerasTensor> o = new LSTM(3).returnSequences(true).returnState(true).applyAll(x, h0, c0);
        KerasTensor seqOut = new TimeDistributed(new Dense(1)).apply(o.get(0));
        KerasTensor stateOut = new Dense(1).apply(new Concatenate().apply(o.get(1), o.get(2)));
        Functional m = Model.of(List.of(x, z), List.of(seqOut, stateOut));
        m.compile(new SGD().learningRate(1), List.of("mse", "mse"));
        List<NDArray> xs = List.of(values(r, 4, 3, 2), values(r, 4, 2)), ys = List.of(values(r, 4, 3, 1), values(r, 4, 1));
        List<NDArray> w0 = m.getWeights();
        m.fit(xs, ys, new FitOptions().batchSize(4).shuffle(false).verbose(0));
        List<NDArray> w1 = m.getWeights();
        double eps = 5e-3;
        int checked = 0;
        for (int k = 0; k < w0.size(); k++) {
            float[] base = w0.get(k).toFloatArray(), after = w1.get(k).toFloatArray();
            for (int e = 0; e < base.length; e++) {
                double plus = lossWith(m, w0, k, e, base[e] + eps, xs, ys), minus = lossWith(m, w0, k, e, base[e] - eps, xs, ys);
                double numeric = (plus - minus) / (2 * eps), analytic = base[e] - after[e];
                assertEquals(numeric, analytic, 2e-3 + 2e-2 * Math.abs(numeric), "weight " + k + "[" + e + "]");
                checked++;
            }
        }
        assertTrue(checked > 60, "checked " + checked + " weights");
    }

    private static double lossWith(Functional m, List<NDArray> w0, int k, int e, double value, List<NDArray> xs, List<NDArray> ys) {
        List<NDArray> w = new ArrayList<>(w0);
        float[] v = w0.get(k).toFloatArray();
        v[e] = (float) value;
        w.set(k, NDArray.of(v, w0.get(k).shape()));
        m.setWeights(w);
        Map<String, Double> r = m.evaluate(xs, ys);
        return r.get("loss");
    }

    /**
     * Encoder-decoder: the decoder sees only zeros and the encoder's states, and must output the
     * encoder's input reversed. It learns every sequence; without the states it cannot beat chance.
     */
    @Test
    void seq2seqLearnsToReverseThroughTheStates() {
        int vocab = 4, len = 3, n = 64;
        float[] ids = new float[n * len], target = new float[n * len];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < len; t++) {
                ids[i * len + t] = (i >> (2 * t)) & 3;
                target[i * len + (len - 1 - t)] = ids[i * len + t];
            }
        }
        float[] oneHot = new float[n * len * vocab];
        for (int i = 0; i < n * len; i++) oneHot[i * vocab + (int) ids[i]] = 1;
        NDArray x = NDArray.of(oneHot, n, len, vocab), zeros = NDArray.zeros(n, len, 1), y = NDArray.of(target, n, len);
        double withStates = accuracy(true, x, zeros, y), without = accuracy(false, x, zeros, y);
        assertTrue(withStates >= 0.95, "accuracy with the encoder's states: " + withStates);
        assertTrue(without < 0.6, "accuracy without them: " + without);
    }

    private static double accuracy(boolean states, NDArray x, NDArray zeros, NDArray y) {
        Utils.setRandomSeed(1);
        KerasTensor enc = Keras.input(3, 4), dec = Keras.input(3, 1);
        List<KerasTensor> e = new LSTM(24).returnState(true).applyAll(enc);
        LSTM decoder = new LSTM(24).returnSequences(true);
        KerasTensor d = states ? decoder.apply(dec, e.get(1), e.get(2)) : decoder.apply(dec);
        KerasTensor out = new TimeDistributed(new Dense(4, "softmax")).apply(d);
        Functional m = Model.of(List.of(enc, dec), List.of(out));
        m.compile(new Adam().learningRate(0.02), List.of("sparse_categorical_crossentropy"), "accuracy");
        m.fit(List.of(x, zeros), List.of(y), new FitOptions().epochs(150).batchSize(16).verbose(0));
        if (states) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            m.summary(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String s = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(s.contains(e.get(0).name() + "[0][1]") && s.contains(e.get(0).name() + "[0][2]"), s);
        }
        return m.evaluate(List.of(x, zeros), List.of(y)).get("accuracy");
    }

    @Test
    void wrongUseFailsAtApply() {
        LSTM l = new LSTM(2).returnState(true);
        KerasTensor in = Keras.input(3, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.apply(in));
        assertTrue(e.getMessage().contains("applyAll"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LSTM(2).apply(in, Keras.input(2)));
        assertTrue(e.getMessage().contains("2 initial state") && e.getMessage().contains("(h, c)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GRU(2).apply(in, Keras.input(3)));
        assertTrue(e.getMessage().contains("(None, 2)") && e.getMessage().contains("(None, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sequential().add(new GRU(2).returnState(true)));
        assertTrue(e.getMessage().contains("return_state"), e.getMessage());
        assertEquals(true, new LSTM(2).returnState(true).getConfig().get("return_state"));
        assertTrue(LSTM.fromConfig(new LSTM(2).returnState(true).getConfig()).returnState(), "config round trip");
    }
}
