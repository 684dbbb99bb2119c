package io.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.engine.Graph;
import io.keras4j.engine.Op;
import io.keras4j.engine.Plan;
import io.keras4j.engine.Tensor;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.utils.Utils;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Dropout, spatial dropout and Gaussian noise in training mode: the statistics of the noise, scale, seeding. */
class NoiseLayersTrainingTest {
    private static final int N = 4;

    /** Runs the layer once in training on inputs {@code x} (N samples of {@code feat}); returns its output and d out / d x for dy = 1.5. */
    private static float[][] trainOnce(Layer layer, int[] feat, float[] x) {
        layer.ensureBuilt(feat);
        Graph g = new Graph();
        Tensor in = g.differentiableInput(feat);
        Tensor out = layer.call(in, true);
        Tensor loss = new ScaledSum(out).output();
        Plan plan = new Plan(g, N, true);
        System.arraycopy(x, 0, in.data, 0, x.length);
        plan.forward(N);
        float[] y = Arrays.copyOf(out.data, x.length);
        plan.backward(N, loss);
        return new float[][] {y, Arrays.copyOf(in.grad, x.length)};
    }

    /** loss = 1.5 * sum(x): every dy is 1.5. */
    private static final class ScaledSum extends Op {
        ScaledSum(Tensor x) {
            super(new int[] {1}, x);
        }

        @Override
        public void forward(int n) {
            double s = 0;
            for (int i = 0; i < in[0].size(n); i++) s += in[0].data[i];
            out.data[0] = (float) (1.5 * s);
        }

        @Override
        public void backward(int n) {
            for (int i = 0; i < in[0].size(n); i++) in[0].grad[i] += 1.5f * out.grad[0];
        }
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 1f);
        return a;
    }

    @Test
    void dropoutDropsAtTheRateAndScalesTheRest() {
        int feat = 2000;
        float[][] r = trainOnce(new Dropout(0.3), new int[] {feat}, ones(N * feat));
        int zeros = 0;
        float scale = (float) (1 / (1 - 0.3));
        for (int i = 0; i < r[0].length; i++) {
            if (r[0][i] == 0f) zeros++;
            else assertEquals(scale, r[0][i], 0f, "a kept value is scaled by 1/(1-rate)");
            // the gradient goes through the same mask
            assertEquals(r[0][i] * 1.5f, r[1][i], 1e-6f);
        }
        double frac = zeros / (double) r[0].length; // sd of the fraction: sqrt(.3 * .7 / 8000) = 0.005
        assertEquals(0.3, frac, 0.025, "fraction dropped");
    }

    /** The edges of the mask rule {@code u >= rate}: rate 0 keeps every value unscaled, rate 1 drops them all. */
    @Test
    void dropoutRatesZeroAndOneKeepAllAndDropAll() {
        float[] x = new float[N * 300];
        for (int i = 0; i < x.length; i++) x[i] = i % 7 - 3f;
        float[][] keep = trainOnce(new Dropout(0.0), new int[] {300}, x);
        assertArrayEquals(x, keep[0], 0f, "rate 0: the identity");
        assertArrayEquals(ones(x.length), Arrays.copyOf(scaled(keep[1], 1 / 1.5f), x.length), 0f, "rate 0: every gradient passes");
        float[][] drop = trainOnce(new Dropout(1.0), new int[] {300}, x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(0f, drop[0][i], 0f, "rate 1: all dropped");
            assertEquals(0f, drop[1][i], 0f, "rate 1: no gradient");
        }
    }

    private static float[] scaled(float[] a, float s) {
        float[] b = a.clone();
        for (int i = 0; i < b.length; i++) b[i] *= s;
        return b;
    }

    @Test
    void dropoutIsTheIdentityInInference() {
        Dropout d = new Dropout(0.5);
        d.ensureBuilt(new int[] {3});
        Graph g = new Graph();
        Tensor x = g.input(3);
        assertSame(x, d.call(x, false));
        Sequential m = new Sequential();
        m.add(new Dropout(0.9).inputShape(4));
        NDArray in = NDArray.of(new float[] {1, -2, 3, 4, 5, 6, 7, 8}, 2, 4);
        assertArrayEquals(in.toFloatArray(), m.predict(in).toFloatArray(), 0f);
    }

    @Test
    void sameGlobalSeedSameMask() {
        float[] x = ones(N * 50);
        Utils.setRandomSeed(42);
        float[] a = trainOnce(new Dropout(0.5), new int[] {50}, x)[0];
        Utils.setRandomSeed(42);
        float[] b = trainOnce(new Dropout(0.5), new int[] {50}, x)[0];
        Utils.setRandomSeed(43);
        float[] c = trainOnce(new Dropout(0.5), new int[] {50}, x)[0];
        assertArrayEquals(a, b, 0f, "the same seed gives the same mask");
        assertFalse(Arrays.equals(a, c), "another seed gives another mask");
    }

    @Test
    void layerSeedGivesItsOwnReproducibleStream() {
        float[] x = ones(N * 50);
        Utils.setRandomSeed(1);
        float[] a = trainOnce(new Dropout(0.5).seed(9), new int[] {50}, x)[0];
        Utils.setRandomSeed(2);
        float[] b = trainOnce(new Dropout(0.5).seed(9), new int[] {50}, x)[0];
        assertArrayEquals(a, b, 0f, "seed= makes the mask independent of the global seed");
    }

    @Test
    void noiseShapeSharesTheMaskAlongAnAxis() {
        // (batch, 5 steps, 40 features), noise (None, 1, None): each feature kept or dropped at all steps
        float[] y = trainOnce(new Dropout(0.5).noiseShape(-1, 1, -1), new int[] {5, 40}, ones(N * 200))[0];
        for (int s = 0; s < N; s++) {
            for (int f = 0; f < 40; f++) {
                for (int t = 1; t < 5; t++) assertEquals(y[s * 200 + f], y[s * 200 + t * 40 + f], 0f);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new Dropout(0.5).noiseShape(-1, 2, 3).ensureBuilt(new int[] {5, 3}));
    }

    @Test
    void spatialDropoutDropsWholeChannels() {
        // (batch, 3 rows, 3 cols, 30 channels) channels last: one value per (sample, channel)
        float[] y = trainOnce(new SpatialDropout2D(0.5), new int[] {3, 3, 30}, ones(N * 270))[0];
        int dropped = 0;
        for (int s = 0; s < N; s++) {
            for (int c = 0; c < 30; c++) {
                float v = y[s * 270 + c];
                if (v == 0f) dropped++;
                for (int p = 1; p < 9; p++) assertEquals(v, y[s * 270 + p * 30 + c], 0f);
            }
        }
        assertTrue(dropped > 20 && dropped < 100, "dropped channels: " + dropped + " of 120");
        float[] z = trainOnce(new SpatialDropout1D(0.5), new int[] {6, 10}, ones(N * 60))[0];
        for (int s = 0; s < N; s++) {
            for (int c = 0; c < 10; c++) for (int t = 1; t < 6; t++) assertEquals(z[s * 60 + c], z[s * 60 + t * 10 + c], 0f);
        }
        assertThrows(IllegalArgumentException.class, () -> new SpatialDropout1D(0.5).ensureBuilt(new int[] {6}));
    }

    @Test
    void gaussianNoiseHasTheStddevAndPassesGradients() {
        int feat = 5000;
        float[] x = new float[N * feat];
        for (int i = 0; i < x.length; i++) x[i] = i % 7;
        float[][] r = trainOnce(new GaussianNoise(0.5), new int[] {feat}, x);
        double s = 0, ss = 0;
        for (int i = 0; i < x.length; i++) {
            double d = r[0][i] - x[i];
            s += d;
            ss += d * d;
            assertEquals(1.5f, r[1][i], 0f);
        }
        double mean = s / x.length, sd = Math.sqrt(ss / x.length - mean * mean);
        assertEquals(0, mean, 0.02); // sd of the mean: 0.5 / sqrt(20000) = 0.0035
        assertEquals(0.5, sd, 0.02);
        float[] a = trainOnce(new GaussianNoise(1).seed(3), new int[] {10}, new float[N * 10])[0];
        float[] b = trainOnce(new GaussianNoise(1).seed(3), new int[] {10}, new float[N * 10])[0];
        assertArrayEquals(a, b, 0f);
    }

    @Test
    void aSeededFitWithDropoutIsReproducible() {
        Supplier<List<Double>> run = () -> {
            Utils.setRandomSeed(5);
            Sequential m = new Sequential();
            m.add(new io.keras4j.layers.Dense(16, "relu").inputShape(4));
            m.add(new Dropout(0.5));
            m.add(new io.keras4j.layers.Dense(1));
            m.compile("sgd", "mse");
            NDArray x = NDArray.randn(64, 4), y = NDArray.randn(64, 1);
            History h = m.fit(x, y, new FitOptions().epochs(3).batchSize(16).verbose(0));
            return h.history().get("loss");
        };
        assertEquals(run.get(), run.get());
    }
}
