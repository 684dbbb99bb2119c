package io.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.engine.Graph;
import io.keras4j.engine.Plan;
import io.keras4j.engine.Tensor;
import io.keras4j.models.Sequential;
import io.keras4j.utils.Utils;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Stateful layers, dropout in training only, and the orthogonal initializer. */
class RecurrentBehaviourTest {

    private static NDArray slice(NDArray x, int from, int to) {
        int n = x.shape()[0], t = x.shape()[1], f = x.shape()[2];
        float[] v = x.toFloatArray(), r = new float[n * (to - from) * f];
        for (int i = 0; i < n; i++) System.arraycopy(v, (i * t + from) * f, r, i * (to - from) * f, (to - from) * f);
        return NDArray.of(r, n, to - from, f);
    }

    private static Sequential model(Layer l, int... shape) {
        Sequential m = new Sequential();
        l.inputShape(shape);
        m.add(l);
        return m;
    }

    /** A stateful layer fed a sequence in two calls ends where the stateless layer fed it whole does. */
    @Test
    void statefulCarriesStateAcrossCalls() {
        List<Supplier<RecurrentLayer<?>>> kinds = List.of(() -> new LSTM(3), () -> new GRU(3), () -> new SimpleRNN(3),
                () -> new GRU(3).resetAfter(false));
        for (Supplier<RecurrentLayer<?>> kind : kinds) {
            Utils.setRandomSeed(5);
            NDArray x = NDArray.randn(2, 6, 4);
            Sequential whole = model(kind.get(), 6, 4);
            RecurrentLayer<?> st = kind.get().stateful(true);
            Sequential parts = model(st, 3, 4);
            parts.setWeights(whole.getWeights());
            float[] expect = whole.predict(x).toFloatArray();
            float[] first = parts.predict(slice(x, 0, 3)).toFloatArray();
            assertArrayEquals(expect, parts.predict(slice(x, 3, 6)).toFloatArray(), 1e-6f, st.describe() + ": two stateful calls");
            st.resetStates();
            assertArrayEquals(first, parts.predict(slice(x, 0, 3)).toFloatArray(), 0f, st.describe() + ": after resetStates");
            assertEquals(2, st.states().shape()[0]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parts.predict(slice(NDArray.randn(3, 6, 4), 0, 3)));
            assertTrue(e.getMessage().contains("stateful"), e.getMessage());
        }
    }

    private static float[] forward(Layer layer, float[] x, int n, boolean training, int... shape) {
        Graph g = new Graph();
        Tensor in = g.input(shape);
        Tensor y = layer.call(in, training);
        Plan p = new Plan(g, n, false);
        System.arraycopy(x, 0, in.data, in.off, x.length);
        p.forward(n);
        return Arrays.copyOfRange(y.data, y.off, y.off + y.size(n));
    }

    /** Dropout changes training outputs only; inference is the layer without dropout. */
    @Test
    void dropoutAppliesInTrainingOnly() {
        for (Supplier<RecurrentLayer<?>> kind : List.<Supplier<RecurrentLayer<?>>>of(() -> new LSTM(4), () -> new GRU(4),
                () -> new SimpleRNN(4))) {
            RecurrentLayer<?> plain = kind.get(), dropped = kind.get().dropout(0.5).recurrentDropout(0.5);
            Sequential a = model(plain, 5, 3), b = model(dropped, 5, 3);
            b.setWeights(a.getWeights());
            NDArray x = NDArray.randn(4, 5, 3);
            assertArrayEquals(a.predict(x).toFloatArray(), b.predict(x).toFloatArray(), 0f, dropped.describe() + ": inference");
            float[] inference = forward(dropped, x.toFloatArray(), 4, false, 5, 3);
            float[] t1 = forward(dropped, x.toFloatArray(), 4, true, 5, 3);
            float[] t2 = forward(dropped, x.toFloatArray(), 4, true, 5, 3);
            assertFalse(Arrays.equals(inference, t1), dropped.describe() + ": training output without dropout");
            assertFalse(Arrays.equals(t1, t2), dropped.describe() + ": the same masks twice");
        }
    }

    /** Input dropout with rate r keeps each feature of a sample for all steps or none, scaled by 1/(1-r). */
    @Test
    void inputDropoutMaskIsConstantOverTime() {
        // SimpleRNN, linear, identity kernel, zero recurrent kernel: h_t = dropped x_t
        SimpleRNN l = new SimpleRNN(3, "linear").returnSequences(true).dropout(0.5).useBias(false);
        Sequential m = model(l, 6, 3);
        m.setWeights(List.of(NDArray.of(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3, 3), NDArray.zeros(3, 3)));
        float[] x = new float[8 * 6 * 3];
        Arrays.fill(x, 1f);
        float[] y = forward(l, x, 8, true, 6, 3);
        int dropped = 0;
        for (int s = 0; s < 8; s++) {
            for (int f = 0; f < 3; f++) {
                float v0 = y[(s * 6) * 3 + f];
                assertTrue(v0 == 0f || v0 == 2f, "a kept feature is scaled by 2: " + v0);
                if (v0 == 0f) dropped++;
                for (int t = 1; t < 6; t++) assertEquals(v0, y[(s * 6 + t) * 3 + f], 0f, "one mask for every step");
            }
        }
        assertTrue(dropped > 0 && dropped < 24, "dropped " + dropped + " of 24");
    }

    /**
     * Gradients through time in training mode with dropout and recurrent dropout: the weight
     * stream is reseeded before every forward, so each one draws the same masks, and central
     * differences check the backward pass through the masks.
     */
    @Test
    void gradientsWithDropoutMasks() {
        List<Supplier<RecurrentLayer<?>>> kinds = List.of(() -> new LSTM(3), () -> new GRU(3).biasInitializer("random_normal"),
                () -> new GRU(3).resetAfter(false).biasInitializer("random_normal"), () -> new SimpleRNN(3));
        for (Supplier<RecurrentLayer<?>> kind : kinds) {
            Utils.setRandomSeed(21);
            RecurrentLayer<?> l = kind.get().dropout(0.3).recurrentDropout(0.4).returnSequences(true);
            l.ensureBuilt(new int[] {5, 2});
            for (io.keras4j.engine.Variable v : l.weights()) v.grad = new float[v.data.length];
            Graph g = new Graph();
            Tensor x = g.differentiableInput(5, 2);
            Tensor y = l.call(x, true);
            int n = 3;
            Plan p = new Plan(g, n, true);
            java.util.Random rnd = new java.util.Random(2);
            for (int i = 0; i < x.size(n); i++) x.data[x.off + i] = (float) rnd.nextGaussian();
            float[] r = new float[y.size(n)];
            for (int i = 0; i < r.length; i++) r[i] = (float) rnd.nextGaussian();
            java.util.function.DoubleSupplier loss = () -> {
                Utils.setRandomSeed(99);
                p.forward(n);
                double sum = 0;
                for (int i = 0; i < r.length; i++) sum += r[i] * y.data[y.off + i];
                return sum;
            };
            loss.getAsDouble();
            System.arraycopy(r, 0, y.grad, y.goff, r.length);
            runBackward(l, x, y, n, r);
            List<float[]> data = new java.util.ArrayList<>(), grads = new java.util.ArrayList<>();
            data.add(x.data);
            grads.add(Arrays.copyOfRange(x.grad, x.goff, x.goff + x.size(n)));
            for (io.keras4j.engine.Variable v : l.weights()) {
                data.add(v.data);
                grads.add(v.grad.clone());
            }
            for (int k = 0; k < data.size(); k++) {
                float[] d = data.get(k), gr = grads.get(k);
                int off = k == 0 ? x.off : 0;
                for (int i = 0; i < gr.length; i += 3) {
                    float keep = d[off + i];
                    d[off + i] = keep + 1e-2f;
                    double up = loss.getAsDouble();
                    d[off + i] = keep - 1e-2f;
                    double down = loss.getAsDouble();
                    d[off + i] = keep;
                    double num = (up - down) / 2e-2;
                    assertEquals(num, gr[i], 2e-3 + 2e-2 * Math.abs(num), l.describe() + " input/weight " + k + "[" + i + "]");
                }
            }
        }
    }

    /** One backward pass from d loss / d y = r (the op graph's single op is the layer's). */
    private static void runBackward(RecurrentLayer<?> l, Tensor x, Tensor y, int n, float[] r) {
        for (io.keras4j.engine.Variable v : l.weights()) Arrays.fill(v.grad, 0f);
        Arrays.fill(x.grad, 0f);
        Utils.setRandomSeed(99);
        y.graph().ops().get(0).forward(n);
        System.arraycopy(r, 0, y.grad, y.goff, r.length);
        y.graph().ops().get(0).backward(n);
    }

    @Test
    void orthogonalInitializerGivesOrthonormalRows() {
        Utils.setRandomSeed(3);
        LSTM l = new LSTM(5);
        l.ensureBuilt(new int[] {2, 3});
        float[] r = l.weights().get(1).data; // (5, 20): 5 orthonormal rows
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                double d = 0;
                for (int c = 0; c < 20; c++) d += r[i * 20 + c] * r[j * 20 + c];
                assertEquals(i == j ? 1 : 0, d, 1e-5, "row " + i + " . row " + j);
            }
        }
        float[] b = l.weights().get(2).data;
        for (int i = 0; i < 20; i++) assertEquals(i >= 5 && i < 10 ? 1f : 0f, b[i], 0f, "unit_forget_bias: bias[" + i + "]");
    }
}
