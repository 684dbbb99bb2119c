package io.keras4j.engine.kernels.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.engine.kernels.ScalarKernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A long sum into few outputs (a convolution's kernel gradient) is cut into segments whose partial
 * products are added in a fixed order: the result is the same bits however many parts run the
 * segments and in whatever order they claim them, and it matches the scalar reference.
 */
class SplitSumTest {
    private static final ScalarKernels SCALAR = new ScalarKernels();

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (r.nextDouble() * 2 - 1);
        return a;
    }

    /** The segments depend on the shape alone; short sums and large outputs are not cut. */
    @Test
    void segmentsFollowTheShape() {
        assertEquals(1, VectorKernels.GemmJob.segments(288, 64, 512), "a short sum");
        assertEquals(1, VectorKernels.GemmJob.segments(2048, 2048, 100_000), "too many outputs");
        assertEquals(VectorKernels.GemmJob.MAX_SEGMENTS, VectorKernels.GemmJob.segments(9, 32, 86_528));
        int s = VectorKernels.GemmJob.segments(7, 33, 5000);
        assertTrue(s == 4, "5000 = 4 segments of at least " + VectorKernels.GemmJob.K_SEGMENT + ": " + s);
        // a power of two, even where more would fit: 15488 / 1024 = 15 -> 8; 7000 / 1024 = 6 -> 4
        assertEquals(8, VectorKernels.GemmJob.segments(288, 64, 15_488));
        assertEquals(4, VectorKernels.GemmJob.segments(288, 64, 7000));
    }

    /** One job's result with its segments run as 1, 2 and 3 parts (as many as the pool has threads), in different orders: the same bits. */
    @Test
    void sameBitsWithAnyNumberOfParts() {
        int[][] shapes = {{9, 32, 86_528 / 8}, {29, 37, 9001}, {288, 64, 4100}};
        for (int[] sh : shapes) {
            int m = sh[0], n = sh[1], k = sh[2], off = 3;
            float[] a = random(off + m * k, 1), b = random(off + k * n, 2), c0 = random(off + m * n, 3);
            for (boolean acc : new boolean[] {false, true}) {
                for (int layout = 0; layout < 2; layout++) { // TN (a read as (k, m)), NN
                    int ars = layout == 0 ? 1 : k, acs = layout == 0 ? m : 1;
                    float[] one = run(m, n, k, a, off, ars, acs, b, off, c0, acc, new int[] {0}, 1);
                    String what = m + "x" + k + "x" + n + " layout " + layout + " acc=" + acc;
                    if (KernelPool.THREADS >= 2) { // the parts' buffers are the pool's: as many as its threads
                        float[] two = run(m, n, k, a, off, ars, acs, b, off, c0, acc, new int[] {1, 0}, 2);
                        assertArrayEquals(one, two, what + ": 2 parts against 1");
                    }
                    if (KernelPool.THREADS >= 3) {
                        float[] three = run(m, n, k, a, off, ars, acs, b, off, c0, acc, new int[] {2, 0, 1}, 3);
                        assertArrayEquals(one, three, what + ": 3 parts against 1");
                    }
                    float[] want = c0.clone();
                    if (layout == 0) SCALAR.gemmTN(m, n, k, a, off, b, off, want, off, acc);
                    else SCALAR.gemm(m, n, k, a, off, b, off, want, off, acc);
                    double tol = 1e-5 * Math.sqrt(k);
                    for (int i = 0; i < want.length; i++) {
                        assertTrue(Math.abs(want[i] - one[i]) <= tol * Math.max(1, Math.abs(want[i])),
                                what + " at " + i + ": " + want[i] + " vs " + one[i]);
                    }
                }
            }
        }
    }

    private static float[] run(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, float[] c0,
                               boolean acc, int[] order, int parts) {
        VectorKernels.GemmJob job = new VectorKernels.GemmJob();
        float[] c = c0.clone();
        job.set(m, n, k, a, aOff, ars, acs, b, bOff, n, 1, c, aOff, acc);
        assertTrue(job.segments > 1, "the sum is cut");
        for (int p : order) job.run(p, parts);
        job.reduce();
        job.clear();
        return c;
    }
}
