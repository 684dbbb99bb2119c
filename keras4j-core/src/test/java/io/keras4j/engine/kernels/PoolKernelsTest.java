package io.keras4j.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keras4j.engine.ops.PoolGeometry;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pooling kernels: the scalar twin against a naive padded-window reference, and the Vector
 * API kernels against the scalar twin, bit for bit (same visiting order), on channel counts
 * around the lane count (1, 7, lanes-1, lanes, lanes+1, 2 lanes+3), with offsets; odd channel
 * counts on whole numbers, so windows hold tied maxima.
 */
class PoolKernelsTest {
    private static Kernels vector;
    private static final Kernels SCALAR = new ScalarKernels();
    private final Random rnd = new Random(11);

    @BeforeAll
    static void load() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            vector = KernelsProvider.vectorOrNull();
            assertNotNull(vector, "the module is present, so the vector kernels must load");
        }
    }

    private static int lanes() {
        return Integer.parseInt(vector.name().replaceAll(".*?(\\d+) lanes.*", "$1"));
    }

    /** {h, w, ph, pw, sh, sw, same} */
    private static final int[][] GEOMETRIES = {
        {4, 6, 2, 2, 2, 2, 0}, {5, 7, 3, 3, 2, 2, 1}, {5, 4, 3, 2, 1, 2, 1}, {3, 3, 3, 3, 1, 1, 0}, {1, 9, 1, 4, 1, 3, 1},
        {6, 5, 2, 3, 3, 1, 0}};

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) rnd.nextGaussian();
        return a;
    }

    @Test
    void scalarMatchesNaiveWindows() {
        for (int[] gm : GEOMETRIES) {
            for (int c : new int[] {1, 3}) {
                PoolGeometry g = PoolGeometry.of(gm[0], gm[1], c, gm[2], gm[3], gm[4], gm[5], gm[6] == 1);
                int n = 2;
                float[] x = random(n * g.inSize());
                float[] max = new float[n * g.outSize()], avg = new float[n * g.outSize()];
                run(SCALAR, g, n, x, 0, max, 0, true);
                run(SCALAR, g, n, x, 0, avg, 0, false);
                for (int s = 0; s < n; s++) {
                    for (int i = 0; i < g.oh; i++) {
                        for (int j = 0; j < g.ow; j++) {
                            for (int ch = 0; ch < c; ch++) {
                                double m = Double.NEGATIVE_INFINITY, sum = 0;
                                int count = 0;
                                for (int a = 0; a < g.ph; a++) {
                                    for (int b = 0; b < g.pw; b++) {
                                        int r = i * g.sh - g.padTop + a, q = j * g.sw - g.padLeft + b;
                                        if (r < 0 || r >= g.h || q < 0 || q >= g.w) continue;
                                        float v = x[((s * g.h + r) * g.w + q) * c + ch];
                                        m = Math.max(m, v);
                                        sum += v;
                                        count++;
                                    }
                                }
                                int o = ((s * g.oh + i) * g.ow + j) * c + ch;
                                assertEquals(m, max[o], 0, "max " + Arrays.toString(gm));
                                assertEquals(sum / count, avg[o], 1e-5, "avg " + Arrays.toString(gm));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void vectorMatchesScalarBitForBit() {
        assumeTrue(vector != null, "Vector API module absent");
        int l = lanes();
        for (int[] gm : GEOMETRIES) {
            for (int c : new int[] {1, 7, l - 1, l, l + 1, 2 * l + 3}) {
                PoolGeometry g = PoolGeometry.of(gm[0], gm[1], c, gm[2], gm[3], gm[4], gm[5], gm[6] == 1);
                int n = 3, xo = 5, yo = 3;
                float[] x = random(xo + n * g.inSize());
                if (c % 2 == 1) for (int i = 0; i < x.length; i++) x[i] = Math.round(x[i]); // ties: the first max cell takes dy
                for (boolean max : new boolean[] {true, false}) {
                    String what = (max ? "max" : "avg") + " c=" + c + " " + Arrays.toString(gm);
                    float[] ys = new float[yo + n * g.outSize()], yv = ys.clone();
                    run(SCALAR, g, n, x, xo, ys, yo, max);
                    run(vector, g, n, x, xo, yv, yo, max);
                    assertArrayEquals(ys, yv, 0f, what + " forward");
                    float[] dy = random(yo + n * g.outSize());
                    float[] dxs = random(xo + n * g.inSize()), dxv = dxs.clone(); // backward adds into dx
                    back(SCALAR, g, n, x, xo, ys, yo, dy, dxs, max);
                    back(vector, g, n, x, xo, ys, yo, dy, dxv, max);
                    assertArrayEquals(dxs, dxv, 0f, what + " backward");
                }
            }
        }
    }

    /** A batch large enough to be split over the kernel threads: still the scalar twin's bits. */
    @Test
    void largeBatchesSplitOverThreadsMatchTheScalarTwin() {
        assumeTrue(vector != null, "Vector API module absent");
        PoolGeometry g = PoolGeometry.of(12, 13, lanes() + 3, 2, 2, 2, 2, false);
        int n = 37, xo = 2, yo = 1;
        float[] x = random(xo + n * g.inSize());
        for (int i = 0; i < x.length; i += 3) x[i] = Math.round(x[i]);
        for (boolean max : new boolean[] {true, false}) {
            float[] ys = new float[yo + n * g.outSize()], yv = ys.clone();
            run(SCALAR, g, n, x, xo, ys, yo, max);
            run(vector, g, n, x, xo, yv, yo, max);
            assertArrayEquals(ys, yv, 0f, (max ? "max" : "avg") + " forward");
            float[] dy = random(yo + n * g.outSize());
            float[] dxs = random(xo + n * g.inSize()), dxv = dxs.clone();
            back(SCALAR, g, n, x, xo, ys, yo, dy, dxs, max);
            back(vector, g, n, x, xo, ys, yo, dy, dxv, max);
            assertArrayEquals(dxs, dxv, 0f, (max ? "max" : "avg") + " backward");
        }
    }

    /**
     * 2x2 windows, strides 2, whole lanes of channels, tiling the input exactly (the MNIST
     * convnet's first pooling: the vector kernel writes y and dx from registers) or leaving a row
     * and a column over (its second), with tied maxima: the scalar twin's
     * bits, on a batch split over the threads and on one that is not.
     */
    @Test
    void exactTwoByTwoTilesRouteTiesAsTheScalarTwin() {
        assumeTrue(vector != null, "Vector API module absent");
        for (int n : new int[] {1, 40}) {
          for (int[] hw : new int[][] {{6, 8}, {7, 9}}) { // and a row and a column no window reads (11x11 -> 5x5)
            PoolGeometry g = PoolGeometry.of(hw[0], hw[1], 2 * lanes(), 2, 2, 2, 2, false);
            int xo = 3, yo = 2;
            float[] x = random(xo + n * g.inSize());
            for (int i = 0; i < x.length; i++) x[i] = Math.max(0, Math.round(x[i])); // a ReLU's output: many tied 0s and 1s
            float[] ys = new float[yo + n * g.outSize()], yv = ys.clone();
            run(SCALAR, g, n, x, xo, ys, yo, true);
            run(vector, g, n, x, xo, yv, yo, true);
            assertArrayEquals(ys, yv, 0f, "forward, n=" + n + " " + Arrays.toString(hw));
            float[] dy = random(yo + n * g.outSize());
            float[] dxs = random(xo + n * g.inSize()), dxv = dxs.clone();
            back(SCALAR, g, n, x, xo, ys, yo, dy, dxs, true);
            back(vector, g, n, x, xo, ys, yo, dy, dxv, true);
            assertArrayEquals(dxs, dxv, 0f, "backward, n=" + n + " " + Arrays.toString(hw));
          }
        }
    }

    private static void run(Kernels k, PoolGeometry g, int n, float[] x, int xo, float[] y, int yo, boolean max) {
        if (max) k.maxPool2d(n, g.h, g.w, g.c, g.ph, g.pw, g.sh, g.sw, g.padTop, g.padLeft, g.oh, g.ow, x, xo, y, yo);
        else k.avgPool2d(n, g.h, g.w, g.c, g.ph, g.pw, g.sh, g.sw, g.padTop, g.padLeft, g.oh, g.ow, x, xo, y, yo);
    }

    /** Backward adding into dx, then overwriting a copy of it: the second must equal the first minus the old dx. */
    private static void back(Kernels k, PoolGeometry g, int n, float[] x, int xo, float[] y, int yo, float[] dy, float[] dx,
                             boolean max) {
        float[] fresh = dx.clone();
        java.util.Arrays.fill(fresh, xo, xo + n * g.inSize(), Float.NaN); // overwriting must not read it
        float[] zeroed = dx.clone();
        java.util.Arrays.fill(zeroed, xo, xo + n * g.inSize(), 0f);
        back(k, g, n, x, xo, y, yo, dy, dx, max, true);
        back(k, g, n, x, xo, y, yo, dy, fresh, max, false);
        back(k, g, n, x, xo, y, yo, dy, zeroed, max, true);
        assertArrayEquals(zeroed, fresh, 0f, "overwriting backward = adding into zeros");
    }

    private static void back(Kernels k, PoolGeometry g, int n, float[] x, int xo, float[] y, int yo, float[] dy, float[] dx,
                             boolean max, boolean accumulate) {
        if (max) {
            k.maxPool2dBackward(n, g.h, g.w, g.c, g.ph, g.pw, g.sh, g.sw, g.padTop, g.padLeft, g.oh, g.ow, x, xo, y, yo, dy, yo, dx, xo,
                    accumulate);
        } else {
            k.avgPool2dBackward(n, g.h, g.w, g.c, g.ph, g.pw, g.sh, g.sw, g.padTop, g.padLeft, g.oh, g.ow, dy, yo, dx, xo, accumulate);
        }
    }
}
