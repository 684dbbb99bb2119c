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
     * to pay for itself per row, so the rows are the inner loop instead: for each pair of p and
     * each tile of four columns, eight values of B in registers and one pass over the rows of C
     * (the first pass writes C when not accumulating, so C is never cleared first).
     */
    private static void rowsInner(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs,
                                  int bcs, float[] c, int cOff, boolean accumulate) {
        for (int p = 0; p < k; p += 2) {
            boolean pair = p + 1 < k, add = accumulate || p > 0;
            int ap = aOff + p * acs, aq = pair ? ap + acs : ap, bp = bOff + p * brs, bq = bp + brs, j = 0;
            for (; j + 4 <= n; j += 4) {
                int bj = bp + j * bcs, bk = bq + j * bcs;
                float b0 = b[bj], b1 = b[bj + bcs], b2 = b[bj + 2 * bcs], b3 = b[bj + 3 * bcs];
                // a lone last p pairs with itself at weight 0
                float d0 = pair ? b[bk] : 0f, d1 = pair ? b[bk + bcs] : 0f, d2 = pair ? b[bk + 2 * bcs] : 0f,
                        d3 = pair ? b[bk + 3 * bcs] : 0f;
                for (int i = 0, ai = ap, aj = aq, ci = cOff + j; i < m; i++, ai += ars, aj += ars, ci += n) {
                    float x = a[ai], y = a[aj];
                    float s0 = x * b0 + y * d0, s1 = x * b1 + y * d1, s2 = x * b2 + y * d2, s3 = x * b3 + y * d3;
                    c[ci] = add ? c[ci] + s0 : s0;
                    c[ci + 1] = add ? c[ci + 1] + s1 : s1;
                    c[ci + 2] = add ? c[ci + 2] + s2 : s2;
                    c[ci + 3] = add ? c[ci + 3] + s3 : s3;
                }
            }
            for (; j < n; j++) {
                float b0 = b[bp + j * bcs], d0 = pair ? b[bq + j * bcs] : 0f;
                for (int i = 0, ai = ap, aj = aq, ci = cOff + j; i < m; i++, ai += ars, aj += ars, ci += n) {
                    float s0 = a[ai] * b0 + a[aj] * d0;
                    c[ci] = add ? c[ci] + s0 : s0;
                }
            }
        }
    }
}
