package io.keras4j.engine.kernels;

/**
 * SGEMM for tiny shapes (the seed notebook's 100x2x4), where the set-up of a packed or vector
 * GEMM costs more than the arithmetic and loops of 2 or 4 iterations cost more than their bodies:
 * {@code c[i, j] (+)= sum_p A(i, p) B(p, j)} with {@code A(i, p) = a[aOff + i*ars + p*acs]} and
 * {@code B(p, j) = b[bOff + p*brs + j*bcs]}, so one routine serves A.B, A.B^T and A^T.B.
 * Four (then two, then one) columns of a row are summed in registers over p, then stored once:
 * no per-row fill, no vector pre- or post-loops; when the sum is short and the rows many, the
 * rows are the inner loop instead; when the sum is long and the output at most 4 x 4, all of
 * it is summed at once.
 */
public final class SmallGemm {
    private static final ScalarKernels SCALAR = new ScalarKernels();

    private SmallGemm() {}

    /** {@link Kernels#gemmBias} for row-major A and B: the rows-inner loops apply it in their last pass. */
    public static void gemmBias(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] bias, int biasOff,
                                boolean relu, float[] c, int cOff) {
        if (k <= 8 && m > 16) {
            rows(m, n, k, a, aOff, k, 1, b, bOff, n, 1, c, cOff, false, bias, biasOff, relu);
            return;
        }
        gemm(m, n, k, a, aOff, k, 1, b, bOff, n, 1, c, cOff, false);
        if (bias != null) SCALAR.addRowVector(m, n, c, cOff, bias, biasOff);
        if (relu) SCALAR.relu(m * n, c, cOff, c, cOff);
    }

    public static void gemm(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs,
                            int bcs, float[] c, int cOff, boolean accumulate) {
        if (k <= 8 && m > 16) {
            rows(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, accumulate, null, 0, false);
            return;
        }
        if (m <= 4 && n <= 4 && k > 8) {
            tile(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, accumulate);
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
     * At most 4 x 4 outputs over a long sum (a tiny layer's weight gradient, x^T.dz over a batch):
     * all sixteen sums at once, each step loading four values of A and four of B for sixteen
     * products. Row by row, each step paid five loads, their bounds checks and their index
     * arithmetic for four products. Rows and columns past m and n repeat the last one (the loads
     * stay in bounds) and are not stored.
     */
    private static void tile(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs,
                             int bcs, float[] c, int cOff, boolean accumulate) {
        if (m <= 2) {
            halfTile(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, n, 1, accumulate);
            return;
        }
        if (n <= 2) { // C^T = B^T A^T: the same products, so the same sums
            halfTile(n, m, k, b, bOff, bcs, brs, a, aOff, acs, ars, c, cOff, 1, n, accumulate);
            return;
        }
        int a1 = Math.min(1, m - 1) * ars, a2 = Math.min(2, m - 1) * ars, a3 = (m - 1) * ars;
        int b1 = Math.min(1, n - 1) * bcs, b2 = Math.min(2, n - 1) * bcs, b3 = (n - 1) * bcs;
        float s00 = 0f, s01 = 0f, s02 = 0f, s03 = 0f, s10 = 0f, s11 = 0f, s12 = 0f, s13 = 0f;
        float s20 = 0f, s21 = 0f, s22 = 0f, s23 = 0f, s30 = 0f, s31 = 0f, s32 = 0f, s33 = 0f;
        for (int p = 0, ap = aOff, bp = bOff; p < k; p++, ap += acs, bp += brs) {
            float x0 = a[ap], x1 = a[ap + a1], x2 = a[ap + a2], x3 = a[ap + a3];
            float y0 = b[bp], y1 = b[bp + b1], y2 = b[bp + b2], y3 = b[bp + b3];
            s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
            s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
            s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
            s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
        }
        store(c, cOff, 1, n, accumulate, s00, s01, s02, s03);
        if (m > 1) store(c, cOff + n, 1, n, accumulate, s10, s11, s12, s13);
        if (m > 2) store(c, cOff + 2 * n, 1, n, accumulate, s20, s21, s22, s23);
        if (m > 3) store(c, cOff + 3 * n, 1, n, accumulate, s30, s31, s32, s33);
    }

    /**
     * {@link #tile} for at most 2 x 4 outputs (a layer of two inputs or two units): eight sums,
     * half the work of the full tile. Output (i, j) is stored at {@code c[cOff + i*crs + j*ccs]},
     * so the caller can have the transpose computed.
     */
    private static void halfTile(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs,
                                 int bcs, float[] c, int cOff, int crs, int ccs, boolean accumulate) {
        int a1 = (m - 1) * ars;
        int b1 = Math.min(1, n - 1) * bcs, b2 = Math.min(2, n - 1) * bcs, b3 = (n - 1) * bcs;
        float s00 = 0f, s01 = 0f, s02 = 0f, s03 = 0f, s10 = 0f, s11 = 0f, s12 = 0f, s13 = 0f;
        for (int p = 0, ap = aOff, bp = bOff; p < k; p++, ap += acs, bp += brs) {
            float x0 = a[ap], x1 = a[ap + a1];
            float y0 = b[bp], y1 = b[bp + b1], y2 = b[bp + b2], y3 = b[bp + b3];
            s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
            s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
        }
        store(c, cOff, ccs, n, accumulate, s00, s01, s02, s03);
        if (m > 1) store(c, cOff + crs, ccs, n, accumulate, s10, s11, s12, s13);
    }

    /** The first {@code n <= 4} of four sums into a row of C whose columns are {@code ccs} apart. */
    private static void store(float[] c, int ci, int ccs, int n, boolean accumulate, float s0, float s1, float s2, float s3) {
        c[ci] = accumulate ? c[ci] + s0 : s0;
        if (n > 1) c[ci + ccs] = accumulate ? c[ci + ccs] + s1 : s1;
        if (n > 2) c[ci + 2 * ccs] = accumulate ? c[ci + 2 * ccs] + s2 : s2;
        if (n > 3) c[ci + 3 * ccs] = accumulate ? c[ci + 3 * ccs] + s3 : s3;
    }

    /**
     * Many rows, a sum of at most eight (a batch through a layer of 2-8 units, or its input
     * gradient): the loop over p is too short to pay for itself per row, so the rows are the inner
     * loop. Each output is summed in pairs of p, in order: {@code (x0 b0 + x1 b1) + (x2 b2 + x3 b3)},
     * then {@code + (x4 b4 + x5 b5)} and {@code + (x6 b6 + x7 b7)}, a lone last p paired with
     * itself at weight 0; with accumulate, C's value is added to the first pair.
     */
    private static void rows(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs,
                             int bcs, float[] c, int cOff, boolean accumulate, float[] bias, int biasOff, boolean relu) {
        if (k <= 4) {
            rowsShort(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, accumulate, bias, biasOff, relu);
            return;
        }
        rowsShort(m, n, 4, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, accumulate, null, 0, false);
        rowsShort(m, n, k - 4, a, aOff + 4 * acs, ars, acs, b, bOff + 4 * brs, brs, bcs, c, cOff, true, bias, biasOff, relu);
    }

    /**
     * {@link #rows} for a sum of at most four, in one pass over the rows: the sixteen values of B
     * of a tile of four columns stay in registers, and C is written once. Columns past n in the
     * last tile repeat the last column and are not stored. With a bias (not null) and
     * {@code relu}, the {@link Kernels#gemmBias} epilogue.
     */
    private static void rowsShort(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs,
                                  int bcs, float[] c, int cOff, boolean accumulate, float[] bias, int biasOff, boolean relu) {
        int a1 = Math.min(1, k - 1) * acs, a2 = Math.min(2, k - 1) * acs, a3 = Math.min(3, k - 1) * acs;
        boolean two = k > 2;
        for (int j = 0; j < n; j += 4) {
            int w = Math.min(4, n - j);
            int c1 = Math.min(1, w - 1), c2 = Math.min(2, w - 1), c3 = w - 1;
            int b0 = bOff + j * bcs, b1 = b0 + brs, b2 = b0 + 2 * brs, b3 = b0 + 3 * brs;
            // B(p, column): p = 0 always; p = 1, 2, 3 where p < k, else weight 0 (read at p = 0, in bounds)
            float p00 = b[b0], p01 = b[b0 + c1 * bcs], p02 = b[b0 + c2 * bcs], p03 = b[b0 + c3 * bcs];
            float p10 = k > 1 ? b[b1] : 0f, p11 = k > 1 ? b[b1 + c1 * bcs] : 0f, p12 = k > 1 ? b[b1 + c2 * bcs] : 0f,
                    p13 = k > 1 ? b[b1 + c3 * bcs] : 0f;
            float p20 = two ? b[b2] : 0f, p21 = two ? b[b2 + c1 * bcs] : 0f, p22 = two ? b[b2 + c2 * bcs] : 0f,
                    p23 = two ? b[b2 + c3 * bcs] : 0f;
            float p30 = k > 3 ? b[b3] : 0f, p31 = k > 3 ? b[b3 + c1 * bcs] : 0f, p32 = k > 3 ? b[b3 + c2 * bcs] : 0f,
                    p33 = k > 3 ? b[b3 + c3 * bcs] : 0f;
            float e0 = bias != null ? bias[biasOff + j] : 0f, e1 = bias != null ? bias[biasOff + j + c1] : 0f,
                    e2 = bias != null ? bias[biasOff + j + c2] : 0f, e3 = bias != null ? bias[biasOff + j + c3] : 0f;
            for (int i = 0, ai = aOff, ci = cOff + j; i < m; i++, ai += ars, ci += n) {
                float x0 = a[ai], x1 = a[ai + a1];
                float s0 = x0 * p00 + x1 * p10, s1 = x0 * p01 + x1 * p11, s2 = x0 * p02 + x1 * p12, s3 = x0 * p03 + x1 * p13;
                if (accumulate) {
                    s0 = c[ci] + s0;
                    s1 = c[ci + c1] + s1;
                    s2 = c[ci + c2] + s2;
                    s3 = c[ci + c3] + s3;
                }
                if (two) {
                    float x2 = a[ai + a2], x3 = a[ai + a3];
                    s0 = s0 + (x2 * p20 + x3 * p30);
                    s1 = s1 + (x2 * p21 + x3 * p31);
                    s2 = s2 + (x2 * p22 + x3 * p32);
                    s3 = s3 + (x2 * p23 + x3 * p33);
                }
                if (bias != null) {
                    s0 += e0;
                    s1 += e1;
                    s2 += e2;
                    s3 += e3;
                }
                if (relu) {
                    s0 = Math.max(s0, 0f);
                    s1 = Math.max(s1, 0f);
                    s2 = Math.max(s2, 0f);
                    s3 = Math.max(s3, 0f);
                }
                // in a narrower tile the extra columns repeat the last one: equal values to the same place
                c[ci + c3] = s3;
                c[ci + c2] = s2;
                c[ci + c1] = s1;
                c[ci] = s0;
            }
        }
    }
}
