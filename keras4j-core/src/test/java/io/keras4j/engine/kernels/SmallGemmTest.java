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
