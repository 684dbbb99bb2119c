package io.keras4j.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The normalization kernels of {@link ScalarKernels} against the formulas in double on odd
 * sizes, both layouts (channels last, inner = 1, and inner > 1), offsets and both accumulate
 * modes; and the kernels in use ({@link KernelsProvider#get}) against the scalar twin.
 */
class NormalizationKernelsTest {
    private static final ScalarKernels S = new ScalarKernels();
    private static final int[][] SIZES = {{1, 1, 1}, {7, 3, 1}, {5, 17, 1}, {3, 4, 5}, {2, 1, 9}, {9, 7, 3}};
    private final Random rnd = new Random(5);

    private float[] random(int n, double mean) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (mean + rnd.nextGaussian());
        return a;
    }

    @Test
    void channelKernelsMatchTheFormulas() {
        for (int[] sz : SIZES) {
            int outer = sz[0], c = sz[1], inner = sz[2], len = outer * c * inner, off = 3;
            float[] x = random(len + off, 4), dy = random(len + off, 0);
            float[] mean = new float[c], var = new float[c];
            S.channelMoments(outer, c, inner, x, off, mean, var, new double[c]);
            double[] m = new double[c], v = new double[c], sd = new double[c], sdx = new double[c];
            int n = outer * inner;
            for (int p = 0; p < len; p++) m[(p / inner) % c] += x[off + p] / (double) n;
            for (int p = 0; p < len; p++) {
                int ch = (p / inner) % c;
                v[ch] += (x[off + p] - m[ch]) * (x[off + p] - m[ch]) / n;
                sd[ch] += dy[off + p];
                sdx[ch] += dy[off + p] * (x[off + p] - (double) mean[ch]);
            }
            for (int ch = 0; ch < c; ch++) {
                assertEquals(m[ch], mean[ch], 1e-5, "mean");
                assertEquals(v[ch], var[ch], 1e-5 * (1 + v[ch]), "var");
            }
            float[] scale = random(c, 0), shift = random(c, 0), y = new float[len + 2];
            S.channelScaleShift(outer, c, inner, x, off, scale, shift, y, 2);
            for (int p = 0; p < len; p++) {
                int ch = (p / inner) % c;
                assertEquals(x[off + p] * scale[ch] + shift[ch], y[2 + p], 1e-5);
            }
            float[] sumDy = new float[c], sumDyXc = new float[c];
            S.channelGradSums(outer, c, inner, x, off, dy, off, mean, sumDy, sumDyXc, new double[2 * c]);
            for (int ch = 0; ch < c; ch++) {
                assertEquals(sd[ch], sumDy[ch], 1e-4);
                assertEquals(sdx[ch], sumDyXc[ch], 1e-4);
            }
            float[] a = random(c, 0), b = random(c, 0), k = random(c, 0);
            for (boolean acc : new boolean[] {false, true}) {
                float[] dx = random(len + 1, 0), before = dx.clone();
                S.channelInputGrad(outer, c, inner, dy, off, x, off, mean, a, b, k, dx, 1, acc);
                for (int p = 0; p < len; p++) {
                    int ch = (p / inner) % c;
                    double want = a[ch] * dy[off + p] + b[ch] * (x[off + p] - mean[ch]) + k[ch] + (acc ? before[1 + p] : 0);
                    assertEquals(want, dx[1 + p], 1e-4);
                }
            }
        }
    }

    @Test
    void rowKernelsMatchTheFormulas() {
        for (int[] sz : new int[][] {{1, 1}, {3, 7}, {5, 16}, {2, 33}}) {
            int rows = sz[0], c = sz[1], len = rows * c;
            float[] x = random(len + 1, 2), dy = random(len, 0), gamma = random(c, 1), beta = random(c, 0);
            float[] y = new float[len], mean = new float[rows], inv = new float[rows];
            float eps = 1e-3f;
            S.rowNormalize(rows, c, x, 1, eps, gamma, 0, beta, 0, y, 0, mean, inv);
            double[] dg = new double[c], db = new double[c];
            float[] dx = new float[len], dgamma = new float[c], dbeta = new float[c];
            S.rowNormalizeBackward(rows, c, x, 1, dy, 0, gamma, 0, mean, inv, dx, 0, false, dgamma, 0, dbeta, 0);
            for (int r = 0; r < rows; r++) {
                double m = 0, v = 0;
                for (int j = 0; j < c; j++) m += x[1 + r * c + j] / (double) c;
                for (int j = 0; j < c; j++) v += Math.pow(x[1 + r * c + j] - m, 2) / c;
                double is = 1 / Math.sqrt(v + eps), mg = 0, mgx = 0;
                for (int j = 0; j < c; j++) {
                    double h = (x[1 + r * c + j] - m) * is;
                    assertEquals(h * gamma[j] + beta[j], y[r * c + j], 1e-4);
                    double g = dy[r * c + j] * gamma[j];
                    mg += g / c;
                    mgx += g * h / c;
                    dg[j] += dy[r * c + j] * h;
                    db[j] += dy[r * c + j];
                }
                for (int j = 0; j < c; j++) {
                    double h = (x[1 + r * c + j] - m) * is, g = dy[r * c + j] * gamma[j];
                    assertEquals(is * (g - mg - h * mgx), dx[r * c + j], 1e-4);
                }
            }
            for (int j = 0; j < c; j++) {
                assertEquals(dg[j], dgamma[j], 1e-4);
                assertEquals(db[j], dbeta[j], 1e-4);
            }
        }
    }

    @Test
    void kernelsInUseGiveTheScalarBits() {
        Kernels k = KernelsProvider.get();
        for (int[] sz : SIZES) {
            int outer = sz[0], c = sz[1], inner = sz[2], len = outer * c * inner;
            float[] x = random(len, 1), dy = random(len, 0);
            float[] m1 = new float[c], v1 = new float[c], m2 = new float[c], v2 = new float[c];
            S.channelMoments(outer, c, inner, x, 0, m1, v1, new double[c]);
            k.channelMoments(outer, c, inner, x, 0, m2, v2, new double[c]);
            assertArrayEquals(m1, m2, 0f);
            assertArrayEquals(v1, v2, 0f);
            float[] y1 = new float[len], y2 = new float[len];
            S.channelScaleShift(outer, c, inner, x, 0, v1, m1, y1, 0);
            k.channelScaleShift(outer, c, inner, x, 0, v1, m1, y2, 0);
            assertArrayEquals(y1, y2, 0f);
            float[] s1 = new float[c], t1 = new float[c], s2 = new float[c], t2 = new float[c];
            S.channelGradSums(outer, c, inner, x, 0, dy, 0, m1, s1, t1, new double[2 * c]);
            k.channelGradSums(outer, c, inner, x, 0, dy, 0, m1, s2, t2, new double[2 * c]);
            assertArrayEquals(s1, s2, 0f);
            assertArrayEquals(t1, t2, 0f);
            S.channelInputGrad(outer, c, inner, dy, 0, x, 0, m1, v1, s1, t1, y1, 0, true);
            k.channelInputGrad(outer, c, inner, dy, 0, x, 0, m1, v1, s1, t1, y2, 0, true);
            assertArrayEquals(y1, y2, 0f);
        }
    }
}
