package io.keras4j.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Vector API kernel against its scalar twin on odd sizes (1, 7, lanes-1, lanes+1, 1000 and
 * mixes), with offsets and both accumulate modes, within float32 rounding. Skipped when the
 * JVM runs without {@code --add-modules jdk.incubator.vector}.
 */
class VectorKernelsTest {
    private static Kernels vector;
    private static final Kernels SCALAR = new ScalarKernels();
    private final Random rnd = new Random(7);

    @BeforeAll
    static void load() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "Vector API module absent");
        vector = KernelsProvider.vectorOrNull();
        assertNotNull(vector, "the module is present, so the vector kernels must load");
    }

    private static int lanes() {
        String name = vector.name(); // vector(256-bit, 8 lanes, ...)
        return Integer.parseInt(name.replaceAll(".*?(\\d+) lanes.*", "$1"));
    }

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) rnd.nextGaussian();
        return a;
    }

    private static void close(float[] want, float[] got, double tol, String what) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertTrue(Math.abs(want[i] - got[i]) <= tol * (1 + Math.abs(want[i])), what + " at " + i + ": " + want[i] + " vs " + got[i]);
        }
    }

    private int[] sizes() {
        int l = lanes();
        return new int[] {1, 7, l - 1, l + 1, 2 * l + 3, 37, 130};
    }

    @Test
    void gemmAllLayoutsOnOddSizes() {
        for (int m : sizes()) {
            for (int n : sizes()) {
                for (int k : new int[] {1, 7, lanes() + 1, 100}) {
                    for (boolean acc : new boolean[] {false, true}) {
                        checkGemm(m, n, k, acc);
                    }
                }
            }
        }
        checkGemm(1000, 33, 9, true);
        checkGemm(64, 1000, 70, false);
        checkGemm(40, 300, 50, true); // A.B^T with B the taller: C^T = B.A^T, then added transposed
        checkGemm(130, 96, 1000, false);
        checkGemm(128, 10, 512, true); // a 10-class output layer: the transposed path
        checkGemm(1500, 37, 64, false); // a convolution's dx = dz.W^T, W small: W^T copied out, then A.B
        checkGemm(1500, 37, 64, true);
        // A^T with many rows (a weight gradient): row chunks that pack A, two k-blocks, a partial sliver
        checkGemm(1027, 70, 300, false);
        checkGemm(1027, 70, 300, true);
        // few rows (a single-sample predict): wide panels split between the parts, two-vector
        // panels, columns four at a time and one at a time, an odd depth
        checkGemm(1, 512, 784, false);
        checkGemm(1, 512, 784, true);
        checkGemm(3, 301, 51, true);
        checkGemm(2, 10, 999, false);
    }

    private void checkGemm(int m, int n, int k, boolean acc) {
        int off = 3;
        float[] a = random(off + m * k), b = random(off + k * n), c0 = random(off + m * n);
        double tol = 1e-5 * Math.sqrt(k);
        for (int layout = 0; layout < 3; layout++) {
            float[] want = c0.clone(), got = c0.clone();
            String what = "layout " + layout + " m=" + m + " n=" + n + " k=" + k + " acc=" + acc;
            switch (layout) {
                case 0:
                    SCALAR.gemm(m, n, k, a, off, b, off, want, off, acc);
                    vector.gemm(m, n, k, a, off, b, off, got, off, acc);
                    break;
                case 1: // b read as (n, k)
                    SCALAR.gemmNT(m, n, k, a, off, b, off, want, off, acc);
                    vector.gemmNT(m, n, k, a, off, b, off, got, off, acc);
                    break;
                default: // a read as (k, m)
                    SCALAR.gemmTN(m, n, k, a, off, b, off, want, off, acc);
                    vector.gemmTN(m, n, k, a, off, b, off, got, off, acc);
            }
            close(want, got, tol, what);
            assertEquals(c0[0], got[0], "nothing before the offset is written: " + what);
        }
    }

    @Test
    void gemmBiasMatchesTheReference() {
        int l = lanes();
        int[][] shapes = {{100, 4, 2}, {1, 7, 3}, {128, 512, 784}, {1, 512, 784}, {33, l + 1, 130}, {128, 10, 512}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2], off = 2;
            for (int variant = 0; variant < 4; variant++) {
                boolean withBias = variant < 2, relu = variant % 2 == 0;
                float[] a = random(off + m * k), b = random(off + k * n), bias = withBias ? random(off + n) : null;
                float[] want = random(off + m * n), got = want.clone();
                SCALAR.gemmBias(m, n, k, a, off, b, off, bias, off, relu, want, off);
                vector.gemmBias(m, n, k, a, off, b, off, bias, off, relu, got, off);
                close(want, got, 1e-5 * Math.sqrt(k), "gemmBias " + m + "x" + n + "x" + k + " bias=" + withBias + " relu=" + relu);
            }
        }
    }

    /**
     * Few rows with finite weights declared (zero inputs may be skipped) and with the packed
     * weights: the same values as a plain gemmBias (compared with ==, so up to the sign of a
     * zero), and the scalar twin's within rounding; on rows with no zero, some zeros, and all
     * zeros, for widths that use each pass.
     */
    @Test
    void gemmBiasFewRowsSkippingZerosAndPackedGivesTheSameValues() {
        int l = lanes();
        for (int m = 1; m <= 4; m++) {
            for (int n : new int[] {1, 10, 2 * l + 3, 8 * l, 512 + l + 5}) {
                for (int k : new int[] {1, 7, 130, 784}) {
                    int off = 3;
                    float[] a = random(off + m * k), b = random(off + k * n), bias = random(off + n);
                    for (int i = 0; i < m; i++) { // row 0 dense, row 1 half zeros, row 2 all zeros, row 3 a blank border
                        for (int p = 0; p < k; p++) {
                            boolean zero = i == 1 ? p % 2 == 0 : i == 2 || (i == 3 && (p < k / 3 || p > 2 * k / 3));
                            if (zero) a[off + i * k + p] = p % 4 == 0 ? -0f : 0f;
                        }
                    }
                    int size = vector.packedSizeForFewRows(k, n);
                    float[] packed = size == 0 ? null : new float[size];
                    if (packed != null) vector.packForFewRows(k, n, b, off, packed);
                    for (int variant = 0; variant < 8; variant++) {
                        boolean relu = (variant & 1) != 0, skip = (variant & 2) != 0, pack = (variant & 4) != 0;
                        float[] want = random(off + m * n), plain = want.clone(), got = want.clone();
                        String what = m + "x" + n + "x" + k + " relu=" + relu + " skip=" + skip + " packed=" + (pack && packed != null);
                        SCALAR.gemmBiasFewRows(m, n, k, a, off, b, off, null, bias, off, relu, skip, want, off);
                        vector.gemmBias(m, n, k, a, off, b, off, bias, off, relu, plain, off);
                        vector.gemmBiasFewRows(m, n, k, a, off, b, off, pack ? packed : null, bias, off, relu, skip, got, off);
                        close(want, got, 1e-5 * Math.sqrt(k), what);
                        for (int i = 0; i < plain.length; i++) assertEquals(true, plain[i] == got[i], what + " at " + i);
                    }
                }
            }
        }
    }

    @Test
    void elementwiseOnOddSizes() {
        int l = lanes();
        for (int len : new int[] {1, 7, l - 1, l, l + 1, 1000}) {
            float[] x = random(len + 2), dy = random(len + 2), d0 = random(len + 2);
            float[] y1 = new float[len + 2], y2 = new float[len + 2];
            SCALAR.relu(len, x, 2, y1, 2);
            vector.relu(len, x, 2, y2, 2);
            close(y1, y2, 0, "relu " + len);
            for (boolean acc : new boolean[] {false, true}) {
                float[] g1 = d0.clone(), g2 = d0.clone();
                SCALAR.reluBackward(len, y1, 2, dy, 2, g1, 2, acc);
                vector.reluBackward(len, y1, 2, dy, 2, g2, 2, acc);
                close(g1, g2, 0, "reluBackward " + len + " acc=" + acc);
            }
        }
        for (int m : new int[] {1, 7, 100}) {
            for (int n : new int[] {1, l - 1, l + 1, 1000}) {
                float[] x = random(1 + m * n), bias = random(1 + n);
                float[] x1 = x.clone(), x2 = x.clone();
                SCALAR.addRowVector(m, n, x1, 1, bias, 1);
                vector.addRowVector(m, n, x2, 1, bias, 1);
                close(x1, x2, 0, "addRowVector " + m + "x" + n);
                for (boolean acc : new boolean[] {false, true}) {
                    float[] o1 = random(1 + n), o2 = o1.clone();
                    SCALAR.sumRows(m, n, x, 1, o1, 1, acc);
                    vector.sumRows(m, n, x, 1, o2, 1, acc);
                    close(o1, o2, 1e-5 * Math.sqrt(m), "sumRows " + m + "x" + n);
                }
            }
        }
    }

    /**
     * The fused backward of a bias and a ReLU: the masked gradient equal to the scalar twin's; the
     * bias gradient too, bit for bit beyond one segment of rows (both sum the same fixed segments
     * in the same order, whether the vector kernel splits them over threads or not), and within
     * rounding below it; with and without the ReLU, the bias, and accumulation.
     */
    @Test
    void reluBackwardSumRowsMatchesTheScalarTwin() {
        int l = lanes();
        for (int m : new int[] {7, Kernels.SUM_SEGMENT, Kernels.SUM_SEGMENT + 1, 5000}) {
            for (int n : new int[] {1, l - 1, l, 32, 2 * l + 3}) {
                float[] y = random(2 + m * n), dy = random(2 + m * n);
                for (int i = 0; i < y.length; i++) y[i] = Math.max(0f, y[i]); // a ReLU's output: zeros where it is dead
                for (int variant = 0; variant < 4; variant++) {
                    boolean relu = (variant & 1) == 0, bias = variant < 2;
                    for (boolean acc : new boolean[] {false, true}) {
                        float[] d1 = dy.clone(), d2 = dy.clone(), b1 = random(1 + n), b2 = b1.clone();
                        SCALAR.reluBackwardSumRows(m, n, relu ? y : null, 2, d1, 2, bias ? b1 : null, 1, acc);
                        vector.reluBackwardSumRows(m, n, relu ? y : null, 2, d2, 2, bias ? b2 : null, 1, acc);
                        String what = m + "x" + n + " relu=" + relu + " bias=" + bias + " acc=" + acc;
                        close(d1, d2, 0, "masked gradient " + what);
                        close(b1, b2, m > Kernels.SUM_SEGMENT ? 0 : 1e-5 * Math.sqrt(m), "bias gradient " + what);
                        if (!bias) close(b1, b2, 0, "untouched bias " + what);
                    }
                }
            }
        }
    }

    @Test
    void adamGivesTheSameBitsAsTheScalarLoop() {
        int l = lanes();
        for (int len : new int[] {1, 7, l - 1, l + 1, 1000, 40_001}) { // the last runs on both threads
            float[] w = random(len + 3), g = random(len + 3), m = random(len + 3), v = random(len + 3);
            for (int i = 0; i < v.length; i++) v[i] = Math.abs(v[i]);
            float[] w2 = w.clone(), m2 = m.clone(), v2 = v.clone();
            SCALAR.adam(3, len + 3, w, g, m, v, 1e-3f, 0.9f, 0.999f, 0.1f, 0.001f, 1e-7f);
            vector.adam(3, len + 3, w2, g, m2, v2, 1e-3f, 0.9f, 0.999f, 0.1f, 0.001f, 1e-7f);
            close(w, w2, 0, "adam w " + len);
            close(m, m2, 0, "adam m " + len);
            close(v, v2, 0, "adam v " + len);
        }
    }

    @Test
    void gatherRowsCopiesTheListedRowsOnEitherPath() {
        for (int row : new int[] {1, 2, 3, 4, 5, 784}) {
            for (int rows : new int[] {1, 7, 128}) { // 128 rows of 784 run on both threads
                int n = 300;
                float[] src = random(n * row);
                int[] order = new int[n];
                for (int i = 0; i < n; i++) order[i] = (i * 7919) % n; // 7919 is prime: a permutation
                int start = 5;
                for (Kernels k : new Kernels[] {SCALAR, vector}) {
                    float[] dst = new float[(rows + 1) * row];
                    java.util.Arrays.fill(dst, 42f);
                    k.gatherRows(src, row, order, start, rows, dst);
                    for (int r = 0; r < rows; r++) {
                        for (int j = 0; j < row; j++) {
                            assertEquals(src[order[start + r] * row + j], dst[r * row + j], k.name() + " row " + r + " of " + rows + "x" + row);
                        }
                    }
                    for (int j = rows * row; j < dst.length; j++) assertEquals(42f, dst[j], k.name() + ": past the last row");
                }
            }
        }
    }

    @Test
    void gemmAllocatesNothingAfterWarmUp() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled());
        for (int[] s : new int[][] {{16, 16, 16}, {128, 512, 784}}) { // below and above the parallel threshold
            int m = s[0], n = s[1], k = s[2];
            float[] a = random(m * k), b = random(k * n), c = new float[m * n], bt = random(n * k), at = random(k * m);
            Runnable calls = () -> {
                vector.gemm(m, n, k, a, 0, b, 0, c, 0, false);
                vector.gemmNT(m, n, k, a, 0, bt, 0, c, 0, true);
                vector.gemmTN(m, n, k, at, 0, b, 0, c, 0, true);
            };
            // rounds of 20 until the JIT has compiled the kernels (interpreted code boxes vectors)
            long used = -1;
            for (int round = 0; round < 200 && used != 0; round++) {
                long before = bean.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 20; i++) calls.run();
                used = bean.getCurrentThreadAllocatedBytes() - before;
            }
            assertEquals(0, used, "bytes allocated by 60 GEMM calls of " + m + "x" + n + "x" + k + " after warm-up");
        }
    }
}
