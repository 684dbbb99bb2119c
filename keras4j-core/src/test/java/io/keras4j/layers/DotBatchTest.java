package io.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.Keras;
import io.keras4j.KerasTensor;
import io.keras4j.NDArray;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Functional;
import io.keras4j.models.Model;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code Dot} on rank-3 inputs: Keras's batch_dot, a matrix product per sample along the given axes. */
class DotBatchTest {
    // one sample: x = [[1, 2], [3, 4]], z = [[5, 6], [7, 8]]
    private static final NDArray X = NDArray.of(new float[] {1, 2, 3, 4}, 1, 2, 2), Z = NDArray.of(new float[] {5, 6, 7, 8}, 1, 2, 2);

    private static float[] dot(Dot d) {
        KerasTensor a = Keras.input(2, 2), b = Keras.input(2, 2);
        return Model.of(List.of(a, b), List.of(d.apply(a, b))).predict(X, Z).toFloatArray();
    }

    @Test
    void eachPairOfAxesIsItsMatrixProduct() {
        assertArrayEquals(new float[] {17, 23, 39, 53}, dot(new Dot(2)), "x @ z^T");
        assertArrayEquals(new float[] {17, 23, 39, 53}, dot(new Dot(-1)), "-1 is the last axis");
        assertArrayEquals(new float[] {26, 30, 38, 44}, dot(new Dot(1)), "x^T @ z");
        assertArrayEquals(new float[] {19, 22, 43, 50}, dot(new Dot(2, 1)), "x @ z");
        assertArrayEquals(new float[] {23, 31, 34, 46}, dot(new Dot(1, 2)), "x^T @ z^T");
    }

    @Test
    void theOutputShapeIsTheRestOfEachInput() {
        KerasTensor q = Keras.input(5, 4), k = Keras.input(7, 4);
        assertArrayEquals(new int[] {5, 7}, new Dot(2).apply(q, k).shape(), "attention scores (b, 5, 7)");
        KerasTensor v = Keras.input(7, 3);
        assertArrayEquals(new int[] {4, 3}, new Dot(1).apply(k, v).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dot(2).apply(q, v));
        assertTrue(e.getMessage().contains("(None, 5, 4)") && e.getMessage().contains("(None, 7, 3)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dot(2, true).apply(q, k));
        Dot pair = new Dot(1, 2);
        assertEquals(List.of(1, 2), pair.getConfig().get("axes"));
        assertEquals(pair.getConfig(), Layers.fromConfig("Dot", pair.getConfig()).getConfig());
    }

    /** Gradients of both inputs, through Dense layers before the Dot: one SGD step against central differences. */
    @Test
    void gradientsMatchFiniteDifferences() {
        // per case: axes, then the units of the Dense before each input (the contracted sizes must match)
        for (int[] axes : new int[][] {{2, 2, 2, 2}, {1, 1, 2, 4}, {2, 1, 3, 2}, {1, 2, 2, 3}}) {
            Utils.setRandomSeed(6);
            Random r = new Random(6);
            KerasTensor x1 = Keras.input(3, 2), x2 = Keras.input(3, 2);
            KerasTensor s = new Dot(axes[0], axes[1]).apply(new Dense(axes[2]).apply(x1), new Dense(axes[3], "tanh").apply(x2));
            Functional m = Model.of(List.of(x1, x2), List.of(new Dense(1).apply(new Flatten().apply(s))));
            m.compile(new SGD().learningRate(1), "mse");
            List<NDArray> xs = List.of(rand(r, 4, 3, 2), rand(r, 4, 3, 2)), ys = List.of(rand(r, 4, 1));
            List<NDArray> w0 = m.getWeights();
            m.fit(xs, ys, new FitOptions().batchSize(4).shuffle(false).verbose(0));
            List<NDArray> w1 = m.getWeights();
            double eps = 5e-3;
            for (int k = 0; k < 4; k++) { // the two Dense layers before the Dot
                float[] base = w0.get(k).toFloatArray(), after = w1.get(k).toFloatArray();
                for (int e = 0; e < base.length; e++) {
                    double numeric = (loss(m, w0, k, e, base[e] + eps, xs, ys) - loss(m, w0, k, e, base[e] - eps, xs, ys)) / (2 * eps);
                    assertEquals(numeric, base[e] - after[e], 2e-3 + 2e-2 * Math.abs(numeric),
                            "axes " + axes[0] + "," + axes[1] + ": weight " + k + "[" + e + "]");
                }
            }
        }
    }

    private static NDArray rand(Random r, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextDouble() * 2 - 1);
        return NDArray.of(v, shape);
    }

    private static double loss(Functional m, List<NDArray> w0, int k, int e, double value, List<NDArray> xs, List<NDArray> ys) {
        List<NDArray> w = new ArrayList<>(w0);
        float[] v = w0.get(k).toFloatArray();
        v[e] = (float) value;
        w.set(k, NDArray.of(v, w0.get(k).shape()));
        m.setWeights(w);
        return m.evaluate(xs, ys).get("loss");
    }
}
