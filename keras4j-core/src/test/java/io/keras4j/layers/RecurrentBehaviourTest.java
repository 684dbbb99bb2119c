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
