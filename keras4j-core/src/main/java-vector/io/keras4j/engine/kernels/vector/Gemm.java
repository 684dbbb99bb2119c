package io.keras4j.engine.kernels.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SGEMM micro-kernels: {@code c[i, j] (+)= sum_p A(i, p) * b[p, j]} for rows
 * {@code [from, to)}, with {@code A(i, p) = a[aOff + i*ars + p*acs]} (row-major A: ars = k,
 * acs = 1; transposed A: ars = 1, acs = m) and b row-major with leading dimension {@code ldb}.
 * <pre>
 * for each panel of 2 vectors of columns (then 1 vector, then scalar columns):
 *   for each block of 4 rows (then single rows):
 *     8 accumulators += broadcast(A(i, p)) * b[p, panel]      over p = 0 .. k-1
 * </pre>
 * The column panel of b (k x 2L floats) stays in cache while all row blocks pass over it.
 */
final class Gemm {
    private static final VectorSpecies<Float> S = VectorKernels.S;
    private static final int L = VectorKernels.L;

    private Gemm() {}

    static void rows(int from, int to, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int ldb,
                     float[] c, int cOff, boolean acc) {
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            int i = from;
            for (; i + 4 <= to; i += 4) block4x2(i, j, n, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff, acc);
            for (; i < to; i++) block1x2(i, j, n, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff, acc);
        }
        for (; j + L <= n; j += L) {
            for (int i = from; i < to; i++) block1x1(i, j, n, k, a, aOff, ars, acs, b, bOff, ldb, c, cOff, acc);
        }
        for (; j < n; j++) {
            for (int i = from; i < to; i++) {
                float s = 0f;
                int ai = aOff + i * ars;
                for (int p = 0; p < k; p++) s += a[ai + p * acs] * b[bOff + p * ldb + j];
                int ci = cOff + i * n + j;
                c[ci] = acc ? c[ci] + s : s;
            }
        }
    }

    private static void block4x2(int i, int j, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff,
                                 int ldb, float[] c, int cOff, boolean acc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        int a0 = aOff + i * ars, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars;
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
        }
        int r = cOff + i * n + j;
        store(c00, c, r, acc);
        store(c01, c, r + L, acc);
        store(c10, c, r + n, acc);
        store(c11, c, r + n + L, acc);
        store(c20, c, r + 2 * n, acc);
        store(c21, c, r + 2 * n + L, acc);
        store(c30, c, r + 3 * n, acc);
        store(c31, c, r + 3 * n + L, acc);
    }

    private static void block1x2(int i, int j, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff,
                                 int ldb, float[] c, int cOff, boolean acc) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0;
        int ai = aOff + i * ars, bp = bOff + j;
        for (int p = 0; p < k; p++, bp += ldb) {
            FloatVector x = FloatVector.broadcast(S, a[ai + p * acs]);
            c0 = x.fma(FloatVector.fromArray(S, b, bp), c0);
            c1 = x.fma(FloatVector.fromArray(S, b, bp + L), c1);
        }
        int r = cOff + i * n + j;
        store(c0, c, r, acc);
        store(c1, c, r + L, acc);
    }

    private static void block1x1(int i, int j, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff,
                                 int ldb, float[] c, int cOff, boolean acc) {
        FloatVector c0 = FloatVector.zero(S);
        int ai = aOff + i * ars, bp = bOff + j;
        for (int p = 0; p < k; p++, bp += ldb) {
            c0 = FloatVector.broadcast(S, a[ai + p * acs]).fma(FloatVector.fromArray(S, b, bp), c0);
        }
        store(c0, c, cOff + i * n + j, acc);
    }

    private static void store(FloatVector v, float[] c, int off, boolean acc) {
        (acc ? v.add(FloatVector.fromArray(S, c, off)) : v).intoArray(c, off);
    }
}
