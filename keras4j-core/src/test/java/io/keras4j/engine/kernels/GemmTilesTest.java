package io.keras4j.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The vector SGEMM's tiles at the edges of its micro-kernels (6 rows by 4 vectors with 512-bit
 * vectors, the last panel 2 vectors wide when that holds it; 6 x 2 vectors otherwise), on the
 * convnet's shapes cut to fewer rows, against the scalar twin; and gemmBias, whose bias and ReLU
 * are applied to each tile as it is finished, against a plain gemm followed by addRowVector and
 * relu, bit for bit.
 */
class GemmTilesTest {
    private static Kernels vector;
    private static final Kernels SCALAR = new ScalarKernels();
    private final Random rnd = new Random(11);

    @BeforeAll
    static void load() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "Vector API module absent");
        vector = KernelsProvider.vectorOrNull();
        assertNotNull(vector);
    }

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) rnd.nextGaussian();
        return a;
    }

    /** Rows around the 6-row sliver, columns around 2, 4 and 6 vectors of 8 and 16 lanes, depths of one and two k-blocks. */
    @Test
    void everyLayoutAtTheTileEdges() {
        int[] ms = {6, 11, 12, 13, 245};
        int[] ns = {9, 16, 31, 32, 33, 48, 64, 65, 96, 97, 288};
        int[] ks = {9, 64, 288, 400};
        for (int m : ms) for (int n : ns) for (int k : ks) for (int layout = 0; layout < 3; layout++) {
            boolean acc = (m + n + k + layout) % 2 == 0;
            int off = 5;
            float[] a = random(off + m * k), b = random(off + k * n), c0 = random(off + m * n);
            float[] want = c0.clone(), got = c0.clone();
            if (layout == 0) {
                SCALAR.gemm(m, n, k, a, off, b, off, want, off, acc);
                vector.gemm(m, n, k, a, off, b, off, got, off, acc);
            } else if (layout == 1) {
                SCALAR.gemmNT(m, n, k, a, off, b, off, want, off, acc);
                vector.gemmNT(m, n, k, a, off, b, off, got, off, acc);
            } else {
                SCALAR.gemmTN(m, n, k, a, off, b, off, want, off, acc);
                vector.gemmTN(m, n, k, a, off, b, off, got, off, acc);
            }
            double tol = 1e-5 * Math.sqrt(k);
            for (int i = 0; i < want.length; i++) {
                assertTrue(Math.abs(want[i] - got[i]) <= tol * (1 + Math.abs(want[i])),
                        "layout " + layout + " " + m + "x" + n + "x" + k + " acc=" + acc + " at " + i + ": " + want[i] + " vs " + got[i]);
            }
        }
    }

    /** The fused bias and ReLU give the bits of the three steps, on tiled shapes (a convolution's) and the others. */
    @Test
    void gemmBiasIsGemmThenBiasThenRelu() {
        int[][] shapes = {{2000, 32, 9}, {245, 64, 288}, {97, 288, 64}, {13, 33, 20}, {300, 10, 50}, {3, 70, 40}, {64, 40, 5000}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2], off = 2;
            float[] a = random(off + m * k), b = random(off + k * n), bias = random(off + n);
            for (int mode = 0; mode < 3; mode++) {
                boolean withBias = mode != 1, relu = mode != 2;
                float[] plain = new float[off + m * n], fused = new float[off + m * n], scalar = new float[off + m * n];
                vector.gemm(m, n, k, a, off, b, off, plain, off, false);
                if (withBias) vector.addRowVector(m, n, plain, off, bias, off);
                if (relu) vector.relu(m * n, plain, off, plain, off);
                vector.gemmBias(m, n, k, a, off, b, off, withBias ? bias : null, off, relu, fused, off);
                SCALAR.gemmBias(m, n, k, a, off, b, off, withBias ? bias : null, off, relu, scalar, off);
                String what = m + "x" + n + "x" + k + " bias=" + withBias + " relu=" + relu;
                for (int i = off; i < plain.length; i++) {
                    assertEquals(Float.floatToIntBits(plain[i]), Float.floatToIntBits(fused[i]), what + " at " + i);
                    assertTrue(Math.abs(scalar[i] - fused[i]) <= 1e-5 * Math.sqrt(k) * (1 + Math.abs(scalar[i])), what + " vs scalar at " + i);
                }
            }
        }
    }

    /**
     * A value's bits do not depend on the tile it falls in: the rows [r0, m) computed as a call of
     * their own (which moves the slivers' and edges' boundaries) give the bits they have in the
     * whole product, for sums of several k-blocks, overwriting and accumulating. (The kernel
     * threads cut rows into chunks by their count, so this is what keeps the bits the same with
     * any number of threads.)
     */
    @Test
    void bitsDoNotDependOnTheTiling() {
        int m = 128, n = 512, k = 784;
        float[] a = random(m * k), b = random(k * n), c0 = random(m * n), bias = random(n);
        for (int layout = 0; layout < 4; layout++) {
            boolean acc = layout % 2 == 1;
            float[] whole = c0.clone();
            if (layout < 2) vector.gemm(m, n, k, a, 0, b, 0, whole, 0, acc);
            else if (layout == 2) vector.gemmBias(m, n, k, a, 0, b, 0, bias, 0, true, whole, 0);
            else vector.gemmNT(m, n / 2, k, a, 0, b, 0, whole, 0, true);
            for (int r0 : new int[] {1, 2, 3, 5, 7, 11}) {
                float[] part = c0.clone();
                int rows = m - r0, cols = layout == 3 ? n / 2 : n;
                if (layout < 2) vector.gemm(rows, n, k, a, r0 * k, b, 0, part, r0 * n, acc);
                else if (layout == 2) vector.gemmBias(rows, n, k, a, r0 * k, b, 0, bias, 0, true, part, r0 * n);
                else vector.gemmNT(rows, cols, k, a, r0 * k, b, 0, part, r0 * cols, true);
                for (int i = r0 * cols; i < m * cols; i++) {
                    assertEquals(Float.floatToIntBits(whole[i]), Float.floatToIntBits(part[i]),
                            "layout " + layout + ", rows from " + r0 + ", at " + i);
                }
            }
        }
    }
}
