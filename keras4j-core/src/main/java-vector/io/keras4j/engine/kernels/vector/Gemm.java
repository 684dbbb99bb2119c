package io.keras4j.engine.kernels.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SGEMM micro-kernels: {@code c[i, j] (+)= sum_p A(i, p) * b[p, j]} for rows
 * {@code [from, to)}, with {@code A(i, p) = a[aOff + i*ars + p*acs]} (row-major A: ars = k,
 * acs = 1; transposed A: ars = 1, acs = m) and b row-major with leading dimension {@code ldb}.
 * <pre>
 * for each panel of 2 vectors of columns (then 1 vector, then scalar columns):
 *   for each block of 5 rows (then single rows):
 *     10 accumulators += broadcast(A(i, p)) * b[p, panel]      over p = 0 .. k-1
 * </pre>
 * The column panel of b (k x 2L floats) stays in cache while all row blocks pass over it.
 */
final class Gemm {
    private static final VectorSpecies<Float> S = VectorKernels.S;
    private static final int L = VectorKernels.L;
    /** Rows of the main micro-kernel. */
    static final int ROWS = 5;

    private Gemm() {}

    static void rows(int from, int to, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int ldb,
                     float[] c, int cOff, boolean accumulate) {
        // The micro-kernels always add into C (one code path keeps them within C2's inlining budget
        // on JDK 17: with two, its vector intrinsics fall back to boxing), so C is zeroed first.
        if (!accumulate) java.util.Arrays.fill(c, cOff + from * n, cOff + to * n, 0f);
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            int i = from;
            for (; i + 5 <= to; i += 5) block5x2(i, j, n, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff);
            for (; i < to; i++) block1x2(i, j, n, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff);
        }
        for (; j + L <= n; j += L) {
            for (int i = from; i < to; i++) block1x1(i, j, n, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff);
        }
        for (; j < n; j++) {
            for (int i = from; i < to; i++) {
                float s = 0f;
                int ai = aOff + i * ars;
                for (int p = 0; p < k; p++) s += a[ai + p * acs] * b[bOff + p * ldb + j];
                int ci = cOff + i * n + j;
                c[ci] += s;
            }
        }
    }

    /**
     * 5 rows x 2 vectors: 10 accumulators + 2 b vectors + 1 broadcast = 13 registers. The
     * accumulators start from C and end in C without a second pass: the fewer vector calls a
     * kernel has, the surer C2 inlines all of them (on JDK 17, one not inlined means boxing).
     */
    private static void block5x2(int i, int j, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff,
                                 int ldb, float[] c, int cOff) {
        int r0 = cOff + i * n + j, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n, r4 = r3 + n;
        FloatVector c00 = FloatVector.fromArray(S, c, r0), c01 = FloatVector.fromArray(S, c, r0 + L);
        FloatVector c10 = FloatVector.fromArray(S, c, r1), c11 = FloatVector.fromArray(S, c, r1 + L);
        FloatVector c20 = FloatVector.fromArray(S, c, r2), c21 = FloatVector.fromArray(S, c, r2 + L);
        FloatVector c30 = FloatVector.fromArray(S, c, r3), c31 = FloatVector.fromArray(S, c, r3 + L);
        FloatVector c40 = FloatVector.fromArray(S, c, r4), c41 = FloatVector.fromArray(S, c, r4 + L);
        int a0 = aOff + i * ars, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars, a4 = a3 + ars;
        int bp = bOff + j;
        for (int p = 0; p < k; p++, bp += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            int pa = p * acs;
            FloatVector x = FloatVector.broadcast(S, a[a0 + pa]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + pa]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + pa]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + pa]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + pa]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + L);
    }

    private static void block1x2(int i, int j, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff,
                                 int ldb, float[] c, int cOff) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0;
        int ai = aOff + i * ars, bp = bOff + j;
        for (int p = 0; p < k; p++, bp += ldb) {
            FloatVector x = FloatVector.broadcast(S, a[ai + p * acs]);
            c0 = x.fma(FloatVector.fromArray(S, b, bp), c0);
            c1 = x.fma(FloatVector.fromArray(S, b, bp + L), c1);
        }
        int r = cOff + i * n + j; // adding C here, not in a helper: a vector passed to a call C2 did not inline is boxed
        c0.add(FloatVector.fromArray(S, c, r)).intoArray(c, r);
        c1.add(FloatVector.fromArray(S, c, r + L)).intoArray(c, r + L);
    }

    private static void block1x1(int i, int j, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff,
                                 int ldb, float[] c, int cOff) {
        FloatVector c0 = FloatVector.zero(S);
        int ai = aOff + i * ars, bp = bOff + j;
        for (int p = 0; p < k; p++, bp += ldb) {
            c0 = FloatVector.broadcast(S, a[ai + p * acs]).fma(FloatVector.fromArray(S, b, bp), c0);
        }
        int r = cOff + i * n + j;
        c0.add(FloatVector.fromArray(S, c, r)).intoArray(c, r);
    }
}
