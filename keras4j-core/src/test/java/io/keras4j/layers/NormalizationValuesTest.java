package io.keras4j.layers;

import static io.keras4j.layers.TfjsNormalizationReference.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keras4j.NDArray;
import io.keras4j.engine.Graph;
import io.keras4j.engine.Plan;
import io.keras4j.engine.Tensor;
import io.keras4j.models.Sequential;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BatchNormalization (training with the moving-statistics update, and inference) and
 * LayerNormalization against TensorFlow.js (see {@link TfjsNormalizationReference}) and a
 * hand-computed case.
 */
class NormalizationValuesTest {
    private static final float TOL = 2e-5f;

    /** One call of {@code layer} on {@code x} (n samples of {@code feat}) in the given mode. */
    private static float[] call(Layer layer, int[] feat, float[] x, boolean training) {
        Graph g = new Graph();
        Tensor in = g.input(feat);
        Tensor out = layer.call(in, training);
        int n = x.length / in.rowSize();
        Plan plan = new Plan(g, n, false);
        System.arraycopy(x, 0, in.data, 0, x.length);
        plan.forward(n);
        return Arrays.copyOf(out.data, x.length);
    }

    private static void set(Layer l, float[]... values) {
        for (int i = 0; i < values.length; i++) {
            System.arraycopy(values[i], 0, l.weights().get(i).data, l.weights().get(i).off, values[i].length);
            l.weights().get(i).changed();
        }
    }

    private static float[] w(Layer l, int i) {
        var v = l.weights().get(i);
        return Arrays.copyOfRange(v.data, v.off, v.off + v.size());
    }

    @Test
    void batchNormTrainingUpdatesTheMovingStatisticsThenInferenceUsesThem() {
        BatchNormalization bn = new BatchNormalization().momentum(0.9).epsilon(1e-3);
        bn.ensureBuilt(new int[] {3});
        set(bn, new float[] {1.5f, -0.5f, 2f}, new float[] {0.1f, 0.2f, -0.3f}, new float[] {0.5f, -1f, 0f}, new float[] {2f, 0.5f, 1f});
        assertArrayEquals(BN_TRAIN_Y, call(bn, new int[] {3}, BN_X, true), TOL, "training output");
        assertArrayEquals(BN_MOVING_MEAN, w(bn, 2), TOL, "moving_mean after one step");
        assertArrayEquals(BN_MOVING_VAR, w(bn, 3), TOL, "moving_variance after one step");
        assertArrayEquals(BN_INFER_Y, call(bn, new int[] {3}, BN_X, false), TOL, "inference output");
    }

    @Test
    void batchNormDefaultsOnImages() {
        BatchNormalization bn = new BatchNormalization();
        bn.ensureBuilt(new int[] {2, 2, 3});
        assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"),
                bn.weights().stream().map(v -> v.name().substring(v.name().indexOf('/') + 1)).toList());
        assertArrayEquals(BN_IMG_TRAIN_Y, call(bn, new int[] {2, 2, 3}, BN_IMG_X, true), TOL);
        assertArrayEquals(BN_IMG_MOVING_MEAN, w(bn, 2), 1e-6f);
        assertArrayEquals(BN_IMG_MOVING_VAR, w(bn, 3), 1e-6f);
    }

    @Test
    void batchNormChannelsFirstIsChannelsLastTransposed() {
        // (2 samples, 3 channels, 4 positions) with axis 1 equals axis -1 on (2, 4, 3)
        float[] x = new float[24], xt = new float[24];
        for (int i = 0; i < 24; i++) x[i] = (float) Math.sin(i * 0.7) * 3 + i * 0.1f;
        for (int s = 0; s < 2; s++) for (int c = 0; c < 3; c++) for (int p = 0; p < 4; p++) xt[s * 12 + p * 3 + c] = x[s * 12 + c * 4 + p];
        float[][] stats = {{1, 2, 3}, {0, 1, 0}, {0.5f, 0, -0.5f}, {1, 4, 0.25f}};
        for (boolean training : new boolean[] {false, true}) {
            BatchNormalization first = new BatchNormalization().axis(1), last = new BatchNormalization();
            first.ensureBuilt(new int[] {3, 4});
            last.ensureBuilt(new int[] {4, 3});
            set(first, stats);
            set(last, stats);
            float[] y = call(first, new int[] {3, 4}, x, training), yt = call(last, new int[] {4, 3}, xt, training);
            for (int s = 0; s < 2; s++) {
                for (int c = 0; c < 3; c++) {
                    for (int p = 0; p < 4; p++) assertEquals(yt[s * 12 + p * 3 + c], y[s * 12 + c * 4 + p], 1e-6f);
                }
            }
            assertArrayEquals(w(last, 2), w(first, 2), 1e-7f);
            assertArrayEquals(w(last, 3), w(first, 3), 1e-6f);
        }
    }

    @Test
    void batchNormByHand() {
        // one channel, x = 1, 2, 3, 6: mean 3, biased variance (4 + 1 + 0 + 9) / 4 = 3.5
        BatchNormalization bn = new BatchNormalization().scale(false).center(false).epsilon(0.5).momentum(0.75);
        bn.ensureBuilt(new int[] {1});
        float[] y = call(bn, new int[] {1}, new float[] {1, 2, 3, 6}, true);
        assertArrayEquals(new float[] {-1, -0.5f, 0, 1.5f}, y, 1e-6f); // / sqrt(3.5 + 0.5) = 2
        assertArrayEquals(new float[] {0.75f * 0 + 0.25f * 3}, w(bn, 0), 1e-7f);
        assertArrayEquals(new float[] {0.75f * 1 + 0.25f * 3.5f}, w(bn, 1), 1e-7f);
        // inference: (x - 0.75) / sqrt(1.625 + 0.5)
        float[] yi = call(bn, new int[] {1}, new float[] {0.75f, 2.2077f}, false);
        assertArrayEquals(new float[] {0, (float) (1.4577 / Math.sqrt(2.125))}, yi, 1e-6f);
    }

    @Test
    void batchNormInAModel() {
        // fit moves the statistics, predict uses them: a constant input then predicts beta exactly
        Sequential m = new Sequential();
        BatchNormalization bn = new BatchNormalization().momentum(0.0).inputShape(2);
        m.add(bn);
        m.compile("sgd", "mse");
        NDArray x = NDArray.of(new float[] {1, 10, 3, 20, 5, 30, 7, 40}, 4, 2);
        m.fit(x, NDArray.zeros(4, 2), new io.keras4j.models.FitOptions().epochs(1).batchSize(4).shuffle(false).verbose(0));
        assertArrayEquals(new float[] {4, 25}, w(bn, 2), 1e-5f);
        assertArrayEquals(new float[] {5, 125}, w(bn, 3), 1e-4f);
        float[] p = m.predict(NDArray.of(new float[] {4, 25}, 1, 2)).toFloatArray();
        assertArrayEquals(w(bn, 1), p, 1e-6f);
    }

    @Test
    void layerNormMatchesTfjs() {
        LayerNormalization ln = new LayerNormalization();
        ln.ensureBuilt(new int[] {5});
        set(ln, new float[] {1, 2, 0.5f, -1, 1.5f}, new float[] {0, 0.1f, 0.2f, 0.3f, 0.4f});
        assertArrayEquals(LN_Y, call(ln, new int[] {5}, LN_X, false), TOL);
        assertArrayEquals(LN_Y, call(ln, new int[] {5}, LN_X, true), TOL, "the same in training");
    }

    @Test
    void layerNormByHand() {
        // row 1, 2, 3, 6: mean 3, var 3.5, eps 0.5 -> (x - 3) / 2
        LayerNormalization ln = new LayerNormalization().epsilon(0.5).center(false).scale(false);
        ln.ensureBuilt(new int[] {4});
        assertArrayEquals(new float[] {-1, -0.5f, 0, 1.5f}, call(ln, new int[] {4}, new float[] {1, 2, 3, 6}, true), 1e-6f);
    }
}
