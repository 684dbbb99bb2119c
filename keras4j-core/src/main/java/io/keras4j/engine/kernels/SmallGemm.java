package io.keras4j.engine.kernels;

/**
 * SGEMM for tiny shapes (the seed notebook's 100x2x4), where the set-up of a packed or vector
 * GEMM costs more than the arithmetic and loops of 2 or 4 iterations cost more than their bodies:
 * {@code c[i, j] (+)= sum_p A(i, p) B(p, j)} with {@code A(i, p) = a[aOff + i*ars + p*acs]} and
 * {@code B(p, j) = b[bOff + p*brs + j*bcs]}, so one routine serves A.B, A.B^T and A^T.B.
 * Four (then two, then one) columns of a row are summed in registers over p, then stored once:
 * no per-row fill, no vector pre- or post-loops; when the sum is short and the rows many, the
 * rows are the inner loop instead.
 */
public final class SmallGemm {
    private SmallGemm() {}

    public static void gemm(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs,
                            int bcs, float[] c, int cOff, boolean accumulate) {
        if (k <= 8 && m > 16) {
            rowsInner(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, accumulate);
            return;
        }
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * ars, ci = cOff + i * n, j = 0;
            for (; j + 4 <= n; j += 4) {
                float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
                for (int p = 0, ap = ai, bp = bOff + j * bcs; p < k; p++, ap += acs, bp += brs) {
                    float x = a[ap];
                    s0 += x * b[bp];
                    s1 += x * b[bp + bcs];
                    s2 += x * b[bp + 2 * bcs];
                    s3 += x * b[bp + 3 * bcs];
                }
                if (accumulate) {
                    c[ci + j] += s0;
                    c[ci + j + 1] += s1;
                    c[ci + j + 2] += s2;
                    c[ci + j + 3] += s3;
                } else {
                    c[ci + j] = s0;
                    c[ci + j + 1] = s1;
                    c[ci + j + 2] = s2;
                    c[ci + j + 3] = s3;
                }
            }
            for (; j + 2 <= n; j += 2) {
                float s0 = 0f, s1 = 0f;
                for (int p = 0, ap = ai, bp = bOff + j * bcs; p < k; p++, ap += acs, bp += brs) {
                    float x = a[ap];
                    s0 += x * b[bp];
                    s1 += x * b[bp + bcs];
                }
                c[ci + j] = accumulate ? c[ci + j] + s0 : s0;
                c[ci + j + 1] = accumulate ? c[ci + j + 1] + s1 : s1;
            }
            if (j < n) {
                float s = 0f;
                for (int p = 0, ap = ai, bp = bOff + j * bcs; p < k; p++, ap += acs, bp += brs) s += a[ap] * b[bp];
                c[ci + j] = accumulate ? c[ci + j] + s : s;
            }
        }
    }

    /**
     * Many rows, a short sum (a batch through a layer of 2-4 inputs): the loop over p is too short
     * to pay for itself per row, so the rows are the inner loop instead: for each p and each tile
     * of four columns, four values of B in registers and one pass over the rows of C.
     */
    private static void rowsInner(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs,
                                  int bcs, float[] c, int cOff, boolean accumulate) {
        if (!accumulate) java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
        for (int p = 0; p < k; p++) {
            int ap = aOff + p * acs, bp = bOff + p * brs, j = 0;
            for (; j + 4 <= n; j += 4) {
                int bj = bp + j * bcs;
                float b0 = b[bj], b1 = b[bj + bcs], b2 = b[bj + 2 * bcs], b3 = b[bj + 3 * bcs];
                for (int i = 0, ai = ap, ci = cOff + j; i < m; i++, ai += ars, ci += n) {
                    float x = a[ai];
                    c[ci] += x * b0;
                    c[ci + 1] += x * b1;
                    c[ci + 2] += x * b2;
                    c[ci + 3] += x * b3;
                }
            }
            for (; j + 2 <= n; j += 2) {
                int bj = bp + j * bcs;
                float b0 = b[bj], b1 = b[bj + bcs];
                for (int i = 0, ai = ap, ci = cOff + j; i < m; i++, ai += ars, ci += n) {
                    float x = a[ai];
                    c[ci] += x * b0;
                    c[ci + 1] += x * b1;
                }
            }
            if (j < n) {
                float b0 = b[bp + j * bcs];
                for (int i = 0, ai = ap, ci = cOff + j; i < m; i++, ai += ars, ci += n) c[ci] += a[ai] * b0;
            }
        }
    }
}
