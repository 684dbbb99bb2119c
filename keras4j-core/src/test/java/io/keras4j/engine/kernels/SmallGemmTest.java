package io.keras4j.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tiny-shape GEMM against the scalar reference, for all three layouts, on odd sizes. */
class SmallGemmTest {
    private static final Kernels SCALAR = new ScalarKernels();
    private final Random rnd = new Random(11);

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) rnd.nextGaussian();
        return a;
    }

    @Test
    void matchesTheReferenceOnOddSizes() {
        int[] sizes = {1, 2, 3, 4, 5, 7, 9, 17, 100};
        int off = 2;
        for (int m : sizes) for (int n : sizes) for (int k : sizes) for (int layout = 0; layout < 3; layout++) {
            for (boolean acc : new boolean[] {false, true}) {
                float[] a = random(off + m * k), b = random(off + k * n), c0 = random(off + m * n);
                float[] want = c0.clone(), got = c0.clone();
                switch (layout) {
                    case 0:
                        SCALAR.gemm(m, n, k, a, off, b, off, want, off, acc);
                        SmallGemm.gemm(m, n, k, a, off, k, 1, b, off, n, 1, got, off, acc);
                        break;
                    case 1:
                        SCALAR.gemmNT(m, n, k, a, off, b, off, want, off, acc);
                        SmallGemm.gemm(m, n, k, a, off, k, 1, b, off, 1, k, got, off, acc);
                        break;
                    default:
                        SCALAR.gemmTN(m, n, k, a, off, b, off, want, off, acc);
                        SmallGemm.gemm(m, n, k, a, off, 1, m, b, off, n, 1, got, off, acc);
                }
                String what = "layout " + layout + " " + m + "x" + n + "x" + k + " acc=" + acc;
                assertEquals(c0[0], got[0], "nothing before the offset is written: " + what);
                for (int i = 0; i < want.length; i++) {
                    assertTrue(Math.abs(want[i] - got[i]) <= 1e-5 * Math.sqrt(k) * (1 + Math.abs(want[i])),
                            what + " at " + i + ": " + want[i] + " vs " + got[i]);
                }
            }
        }
    }

    /**
     * Many rows and a sum of at most eight (the seed notebook's layers): each output is
     * {@code (x0 b0 + x1 b1) + (x2 b2 + x3 b3)}, then {@code + (x4 b4 + x5 b5)} and
     * {@code + (x6 b6 + x7 b7)}, a lone last p paired with itself at weight 0, and with accumulate
     * C's value added to the first pair, to the bit, in all layouts.
     */
    @Test
    void shortSumsOverManyRowsAddPairsOfProductsInOrder() {
        int off = 1, m = 37;
        for (int n = 1; n <= 9; n++) for (int k = 1; k <= 8; k++) for (int layout = 0; layout < 3; layout++) {
            for (boolean acc : new boolean[] {false, true}) {
                float[] a = random(off + m * k), b = random(off + k * n), c0 = random(off + m * n), got = c0.clone();
                int ars = layout == 2 ? 1 : k, acs = layout == 2 ? m : 1, brs = layout == 1 ? 1 : n, bcs = layout == 1 ? k : 1;
                SmallGemm.gemm(m, n, k, a, off, ars, acs, b, off, brs, bcs, got, off, acc);
                for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
                    float[] x = new float[8], y = new float[8];
                    for (int p = 0; p < 8; p++) {
                        int q = Math.min(p, k - 1); // a lone last p pairs with itself...
                        x[p] = a[off + i * ars + q * acs];
                        y[p] = p < k ? b[off + p * brs + j * bcs] : 0f; // ...at weight 0
                    }
                    float s = x[0] * y[0] + x[1] * y[1];
                    if (acc) s = c0[off + i * n + j] + s;
                    for (int p = 2; p < k; p += 2) s = s + (x[p] * y[p] + x[p + 1] * y[p + 1]);
                    assertEquals(Float.floatToRawIntBits(s), Float.floatToRawIntBits(got[off + i * n + j]),
                            "layout " + layout + " " + m + "x" + n + "x" + k + " acc=" + acc + " at " + i + "," + j);
                }
                assertEquals(c0[0], got[0], "nothing before the offset is written");
            }
        }
    }

    /** gemmBias gives the bits of the GEMM, then the bias, then the ReLU (the scalar kernels), on every path. */
    @Test
    void gemmBiasIsTheGemmThenTheBiasThenTheActivationToTheBit() {
        int off = 3;
        for (int m : new int[] {1, 3, 17, 100}) for (int n : new int[] {1, 2, 3, 4, 5, 9}) for (int k : new int[] {1, 2, 3, 4, 7, 9}) {
            for (int variant = 0; variant < 4; variant++) {
                boolean withBias = variant < 2, relu = variant % 2 == 0;
                float[] a = random(off + m * k), b = random(off + k * n), bias = withBias ? random(off + n) : null;
                float[] want = random(off + m * n), got = want.clone();
                SmallGemm.gemm(m, n, k, a, off, k, 1, b, off, n, 1, want, off, false);
                if (withBias) SCALAR.addRowVector(m, n, want, off, bias, off);
                if (relu) SCALAR.relu(m * n, want, off, want, off);
                SmallGemm.gemmBias(m, n, k, a, off, b, off, bias, off, relu, got, off);
                for (int i = 0; i < want.length; i++) {
                    assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]),
                            m + "x" + n + "x" + k + " bias=" + withBias + " relu=" + relu + " at " + i);
                }
            }
        }
    }
}
