package io.keras4j.engine.kernels.vector;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SGEMM in the manner of GotoBLAS / BLIS: {@code C[i0:i1, j0:j1] (+)= A.B} with
 * {@code A(i, p) = a[aOff + i*ars + p*acs]} and {@code B(p, j) = b[bOff + p*brs + j*bcs]}, so one
 * routine serves A.B, A.B^T and A^T.B (the strides pick the layout; nothing is transposed whole).
 * <pre>
 * for each k-block of at most KC (equal depths):
 *   pack B[k-block, j0:j1] into panels of KC x NR (zero-padded)      -- a panel is L1-sized
 *   for each row block of MC (its KC columns of A stay in L2):
 *     for each panel, for each sliver of MR rows: the MR x NR micro-kernel on C
 * </pre>
 * B is packed because its panel is reused by every sliver and a power-of-two leading dimension
 * would put its rows in a few cache sets; A is read in place (6 row streams, or 6 adjacent
 * floats per step for A^T), which costs nothing to set up, except when the caller asks for A^T's
 * slivers to be packed once per row block (a weight gradient's many rows: see
 * {@link #packSlivers}). Two micro-kernels do all the arithmetic (6 x 4 vectors with 512-bit
 * vectors, else, and for a last panel of at most 2 vectors, 6 x 2: see {@link #WIDE});
 * edge tiles go through a tile buffer, and a partial sliver of rows through a
 * zero-padded copy made once per k-block. Each calling part owns a {@link Scratch}, grown on first
 * use and reused, so a call allocates nothing.
 */
final class Gemm {
    private static final VectorSpecies<Float> S = VectorKernels.S;
    private static final int L = VectorKernels.L;
    /**
     * With 512-bit vectors (AVX-512: 32 vector registers), A.B with A row-major read in place
     * (a convolution's or a Dense layer's forward) runs a 6 x 4-vector micro-kernel (24
     * accumulators, 4 B vectors, 1 broadcast = 29 registers): one broadcast of A feeds four FMAs,
     * not two. On the convnet's 15488x288x64 it ran 95 % of a core's measured FMA peak with packed
     * A and 80-93 % in place, against 55-60 % for the 5 x 2-vector kernel, which every other call
     * still runs (A^T.B and A.B^T measured no faster on 4-vector panels, which outgrow L1 over a
     * k-block, nor with 6-row slivers).
     */
    static final boolean WIDE = L >= 16;
    /** Rows of the 5 x 2-vector micro-kernel, and the unit in which callers cut rows; rows of the wide one. */
    static final int MR = 5, MR_WIDE = 6;
    /** Columns of a panel of B: the wide micro-kernel's (a wide call's last panel may use only 2L of them). */
    static final int NR = (WIDE ? 4 : 2) * L;
    /**
     * k-block: a packed B panel is KC x NR floats (16 KiB with 8 lanes, 32 KiB with 16). 256 beat
     * 128 and 64 on the MLP's shapes with 16 lanes (fewer passes over C, longer micro-kernel runs).
     */
    static final int KC = 256;
    /** The deepest sum run as one k-block (longer ones are cut into blocks of at most KC). */
    static final int KC_ONE = KC + KC / 4;
    /** Row block: MC x KC floats of A (240 KiB) stay in L2 while the panels pass. */
    static final int MC = 240;
    /** The starting sums of a tile that overwrites C: zeros, never written. */
    private static final float[] ZERO = new float[MR_WIDE * NR];

    /** Per-part packing buffers. */
    static final class Scratch {
        final float[] a = new float[MR_WIDE * KC_ONE];
        float[] aBlock = new float[0];
        float[] b = new float[0];
        final float[] tile = new float[MR_WIDE * NR];
    }

    private Gemm() {}

    /** @param packA whether to copy A's whole slivers once per row block (see {@link #packSlivers}); needs ars == 1 */
    static void block(int i0, int i1, int j0, int j1, int n, int k, float[] a, int aOff, int ars, int acs,
                      float[] b, int bOff, int brs, int bcs, float[] c, int cOff, boolean accumulate, boolean packA, Scratch s) {
        block(i0, i1, j0, j1, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, accumulate, packA, null, 0, false, s);
    }

    /**
     * {@link #block}, then, with {@code bias} not null or {@code relu}, {@code C = act(C + bias)}
     * on each tile as its last k-block leaves it (in L1): the bits of a plain GEMM followed by the
     * two passes over C, without the passes (a 32-filter convolution's C at batch 128 is 11 MB).
     */
    static void block(int i0, int i1, int j0, int j1, int n, int k, float[] a, int aOff, int ars, int acs,
                      float[] b, int bOff, int brs, int bcs, float[] c, int cOff, boolean accumulate, boolean packA,
                      float[] bias, int biasOff, boolean relu, Scratch s) {
        if (i0 >= i1 || j0 >= j1) return;
        if (WIDE && ars != 1 && acs == 1 && bcs == 1 && j1 - j0 > 2 * L) { // see WIDE
            blockWide(i0, i1, j0, j1, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, accumulate, packA, bias, biasOff,
                    relu, s);
            return;
        }
        // the 5 x 2-vector path: kept apart from blockWide, as one method it compiled to slower
        // code for A^T.B and A.B^T (64x15488x288 TN: 8.5 -> 9.4-11 ms on one core)
        final int nr = 2 * L;
        int panels = (j1 - j0 + nr - 1) / nr;
        if (s.b.length < panels * KC_ONE * nr) s.b = new float[panels * KC_ONE * nr];
        // k-blocks of equal depth, at most KC: 784 runs as 4 x 196, not 3 x 256 and a pass over C for 16
        // up to KC_ONE in one block: a conv's 3x3x32 = 288 then passes over C once, not twice
        int blocks = k <= KC_ONE ? 1 : (k + KC - 1) / KC, kb = (k + blocks - 1) / blocks;
        for (int k0 = 0; k0 < k; k0 += kb) {
            int kc = Math.min(kb, k - k0);
            // the first k-block of an overwriting call starts its sums at 0 (read from ZERO) and
            // stores them: C is not zeroed first, nor read (a weight gradient's C is 1-1.6 MB)
            boolean store = k0 == 0 && !accumulate;
            boolean last = k0 + kc >= k && (bias != null || relu);
            packB(s.b, nr, kc, k0, j0, j1, b, bOff, brs, bcs);
            for (int ib = i0; ib < i1; ib += MC) {
                int ie = Math.min(i1, ib + MC);
                int edge = ie - (ie - ib) % MR; // first row of a partial sliver (= ie when none)
                if (edge < ie) packA(s.a, MR, kc, k0, edge, ie, a, aOff, ars, acs); // once for all panels
                boolean packed = packA && edge > ib;
                if (packed) packSlivers(s, kc, k0, ib, edge, a, aOff, acs);
                for (int panel = 0; panel < panels; panel++) {
                    int j = j0 + panel * nr, cols = Math.min(nr, j1 - j);
                    int bp = panel * kc * nr;
                    for (int i = ib; i < ie; i += MR) {
                        int rows = Math.min(MR, ie - i);
                        if (rows == MR && cols == nr) {
                            int ci = cOff + i * n + j;
                            float[] from = store ? ZERO : c;
                            int fi = store ? 0 : ci, ldf = store ? NR : n;
                            if (packed) kernel(kc, s.aBlock, (i - ib) * kc, 1, MR, s.b, bp, from, fi, ldf, c, ci, n);
                            else kernel(kc, a, aOff + i * ars + k0 * acs, ars, acs, s.b, bp, from, fi, ldf, c, ci, n); // in place
                            if (last) epilogue(MR, cols, c, ci, n, bias, biasOff + j, relu);
                        } else { // an edge: the rows packed and zero-padded, the tile written through a buffer
                            float[] t = s.tile, from = store ? ZERO : edgeStart(t, rows, cols, c, cOff + i * n + j, n);
                            if (rows < MR) kernel(kc, s.a, 0, 1, MR, s.b, bp, from, 0, NR, t, 0, NR);
                            else kernel(kc, a, aOff + i * ars + k0 * acs, ars, acs, s.b, bp, from, 0, NR, t, 0, NR);
                            for (int r = 0; r < rows; r++) System.arraycopy(t, r * NR, c, cOff + (i + r) * n + j, cols);
                            if (last) epilogue(rows, cols, c, cOff + i * n + j, n, bias, biasOff + j, relu);
                        }
                    }
                }
            }
        }
    }

    private static void blockWide(int i0, int i1, int j0, int j1, int n, int k, float[] a, int aOff, int ars, int acs,
                      float[] b, int bOff, int brs, int bcs, float[] c, int cOff, boolean accumulate, boolean packA,
                      float[] bias, int biasOff, boolean relu, Scratch s) {
        if (i0 >= i1 || j0 >= j1) return;
        final boolean wide = true;
        int nr = NR, mr = MR_WIDE;
        int panels = (j1 - j0 + nr - 1) / nr;
        // B whose rows are already one panel's rows (all of B, exactly 2L or nr columns, row-major:
        // a 32-filter convolution's 86528x32 output gradient) is read in place, not copied
        boolean bInPlace = bcs == 1 && j0 == 0 && j1 == n && brs == n && n == width(n, nr);
        if (!bInPlace && s.b.length < panels * KC_ONE * nr) s.b = new float[panels * KC_ONE * nr];
        float[] pb = bInPlace ? b : s.b;
        // k-blocks of equal depth, at most KC: 784 runs as 4 x 196, not 3 x 256 and a pass over C for 16
        // up to KC_ONE in one block: a conv's 3x3x32 = 288 then passes over C once, not twice
        int blocks = k <= KC_ONE ? 1 : (k + KC - 1) / KC, kb = (k + blocks - 1) / blocks;
        for (int k0 = 0; k0 < k; k0 += kb) {
            int kc = Math.min(kb, k - k0);
            // the first k-block of an overwriting call starts its sums at 0 (read from ZERO) and
            // stores them: C is not zeroed first, nor read (a weight gradient's C is 1-1.6 MB)
            boolean store = k0 == 0 && !accumulate;
            boolean last = k0 + kc >= k && (bias != null || relu);
            if (!bInPlace) packB(s.b, nr, kc, k0, j0, j1, b, bOff, brs, bcs);
            for (int ib = i0; ib < i1; ib += MC) {
                int ie = Math.min(i1, ib + MC);
                int edge = ie - (ie - ib) % mr; // first row of a partial sliver (= ie when none)
                if (edge < ie) packA(s.a, mr, kc, k0, edge, ie, a, aOff, ars, acs); // once for all panels
                boolean packed = packA && edge > ib;
                if (packed) packSlivers(s, kc, k0, ib, edge, a, aOff, acs);
                for (int panel = 0; panel < panels; panel++) {
                    int j = j0 + panel * nr, cols = Math.min(nr, j1 - j);
                    int bp = bInPlace ? bOff + k0 * brs : panel * kc * nr;
                    boolean four = width(cols, nr) > 2 * L; // else the panel is 2L wide
                    for (int i = ib; i < ie; i += mr) {
                        int rows = Math.min(mr, ie - i);
                        if (rows == mr && cols == width(cols, nr)) {
                            int ci = cOff + i * n + j;
                            float[] from = store ? ZERO : c;
                            int fi = store ? 0 : ci, ldf = store ? NR : n;
                            if (packed) tile(four, wide, kc, s.aBlock, (i - ib) * kc, 1, mr, pb, bp, from, fi, ldf, c, ci, n);
                            else tile(four, wide, kc, a, aOff + i * ars + k0 * acs, ars, acs, pb, bp, from, fi, ldf, c, ci, n); // in place
                            if (last) epilogue(mr, cols, c, ci, n, bias, biasOff + j, relu);
                        } else { // an edge: the rows packed and zero-padded, the tile written through a buffer
                            float[] t = s.tile, from = store ? ZERO : edgeStart(t, rows, cols, c, cOff + i * n + j, n);
                            if (rows < mr) tile(four, wide, kc, s.a, 0, 1, mr, pb, bp, from, 0, NR, t, 0, NR);
                            else if (packed) tile(four, wide, kc, s.aBlock, (i - ib) * kc, 1, mr, pb, bp, from, 0, NR, t, 0, NR);
                            else tile(four, wide, kc, a, aOff + i * ars + k0 * acs, ars, acs, pb, bp, from, 0, NR, t, 0, NR);
                            for (int r = 0; r < rows; r++) System.arraycopy(t, r * NR, c, cOff + (i + r) * n + j, cols);
                            if (last) epilogue(rows, cols, c, cOff + i * n + j, n, bias, biasOff + j, relu);
                        }
                    }
                }
            }
        }
    }

    /**
     * An edge tile's starting sums when it adds into C: C's values copied into the tile buffer,
     * so that the micro-kernel continues each sum's chain of FMAs from C, as on a whole tile.
     * (Summed from zero and then added to C, as before, an edge row's value depended on whether
     * it fell in an edge tile, so on the tiling, so, through the row chunks, on the thread count.)
     */
    private static float[] edgeStart(float[] t, int rows, int cols, float[] c, int ci, int ldc) {
        for (int r = 0; r < rows; r++) System.arraycopy(c, ci + r * ldc, t, r * NR, cols);
        return t;
    }

    /** c (rows, cols; row stride ldc) = act(c + bias (cols)), as VectorKernels' addRowVector and relu compute it. */
    private static void epilogue(int rows, int cols, float[] c, int ci, int ldc, float[] bias, int bOff, boolean relu) {
        int vec = S.loopBound(cols);
        FloatVector zero = FloatVector.zero(S);
        for (int r = 0, o = ci; r < rows; r++, o += ldc) {
            int q = 0;
            if (bias != null && relu) { // one loop per case: a vector chosen by branches may be boxed
                for (; q < vec; q += L) {
                    FloatVector.fromArray(S, c, o + q).add(FloatVector.fromArray(S, bias, bOff + q)).max(zero).intoArray(c, o + q);
                }
                for (; q < cols; q++) c[o + q] = Math.max(c[o + q] + bias[bOff + q], 0f);
            } else if (bias != null) {
                for (; q < vec; q += L) {
                    FloatVector.fromArray(S, c, o + q).add(FloatVector.fromArray(S, bias, bOff + q)).intoArray(c, o + q);
                }
                for (; q < cols; q++) c[o + q] += bias[bOff + q];
            } else {
                for (; q < vec; q += L) FloatVector.fromArray(S, c, o + q).max(zero).intoArray(c, o + q);
                for (; q < cols; q++) c[o + q] = Math.max(c[o + q], 0f);
            }
        }
    }

    /**
     * One tile: 6 x 4 vectors ({@code four}), 6 x 2 vectors (a wide call's last, narrow panel:
     * {@code wide}) or 5 x 2 vectors.
     */
    private static void tile(boolean four, boolean wide, int kc, float[] a, int a0, int ars, int acs, float[] bp, int b0,
                             float[] f, int fi, int ldf, float[] c, int ci, int ldc) {
        if (four) kernel4(kc, a, a0, ars, acs, bp, b0, f, fi, ldf, c, ci, ldc);
        else if (wide) kernel62(kc, a, a0, ars, acs, bp, b0, f, fi, ldf, c, ci, ldc);
        else kernel(kc, a, a0, ars, acs, bp, b0, f, fi, ldf, c, ci, ldc);
    }

    /** Panels of B[k0 .. k0+kc, j0 .. j1), nr wide: panel q holds (p, jj) at q*kc*nr + p*w + jj, zero-padded (w: {@link #width}). */
    private static void packB(float[] dst, int nr, int kc, int k0, int j0, int j1, float[] b, int bOff, int brs, int bcs) {
        for (int j = j0, d = 0; j < j1; j += nr, d += kc * nr) {
            int cols = Math.min(nr, j1 - j), w = width(cols, nr);
            if (bcs == 1 && cols == w) { // whole vectors a row: cheaper than a call to arraycopy
                for (int p = 0, src = bOff + k0 * brs + j, o = d; p < kc; p++, src += brs, o += w) {
                    for (int v = 0; v < w; v += L) FloatVector.fromArray(S, b, src + v).intoArray(dst, o + v);
                }
            } else if (bcs == 1) {
                for (int p = 0; p < kc; p++) {
                    int o = d + p * w;
                    System.arraycopy(b, bOff + (k0 + p) * brs + j, dst, o, cols);
                    Arrays.fill(dst, o + cols, o + w, 0f);
                }
            } else {
                if (cols < w) Arrays.fill(dst, d, d + kc * w, 0f);
                int q = 0;
                if (brs == 1) { // B^T: eight rows of B at a time, so each step writes 32 adjacent bytes of the panel
                    for (; q + 8 <= cols; q += 8) {
                        int s0 = bOff + (j + q) * bcs + k0;
                        int s1 = s0 + bcs, s2 = s1 + bcs, s3 = s2 + bcs, s4 = s3 + bcs;
                        int s5 = s4 + bcs, s6 = s5 + bcs, s7 = s6 + bcs;
                        for (int p = 0, o = d + q; p < kc; p++, o += w) {
                            dst[o] = b[s0 + p];
                            dst[o + 1] = b[s1 + p];
                            dst[o + 2] = b[s2 + p];
                            dst[o + 3] = b[s3 + p];
                            dst[o + 4] = b[s4 + p];
                            dst[o + 5] = b[s5 + p];
                            dst[o + 6] = b[s6 + p];
                            dst[o + 7] = b[s7 + p];
                        }
                    }
                }
                for (; q < cols; q++) {
                    int src = bOff + (j + q) * bcs + k0 * brs;
                    for (int p = 0; p < kc; p++) dst[d + p * w + q] = b[src + p * brs];
                }
            }
        }
    }

    /**
     * The width of a panel of {@code cols <= NR} columns as packed: NR, or 2L when that holds
     * them all (the micro-kernel's two-vector form then reads a panel of half the size: a
     * 32-filter convolution's 86528-row gradient is packed once, not padded to twice its size).
     */
    private static int width(int cols, int nr) {
        return cols <= 2 * L ? 2 * L : nr;
    }

    /**
     * The whole slivers of A^T's row block [ib, edge) (A(i, p) = a[aOff + i + p*acs]), as (p, r) at
     * sliver*kc*MR + p*MR + r: read along A^T's rows, once for all panels. Read in place, each step
     * of the micro-kernel would load from a new row of A^T: a new page every step or two.
     */
    private static void packSlivers(Scratch s, int kc, int k0, int ib, int edge, float[] a, int aOff, int acs) {
        int rows = edge - ib;
        if (s.aBlock.length < rows * kc) s.aBlock = new float[rows * kc];
        float[] d = s.aBlock;
        for (int p = 0; p < kc; p++) {
            int src = aOff + ib + (k0 + p) * acs;
            for (int sl = 0, o = p * MR; sl < rows; sl += MR, o += kc * MR) {
                d[o] = a[src + sl];
                d[o + 1] = a[src + sl + 1];
                d[o + 2] = a[src + sl + 2];
                d[o + 3] = a[src + sl + 3];
                d[o + 4] = a[src + sl + 4];
            }
        }
    }

    /** The sliver A[ib .. ie, k0 .. k0+kc) (ie - ib <= mr) as (p, ii) at p*mr + ii, zero-padded. */
    private static void packA(float[] dst, int mr, int kc, int k0, int ib, int ie, float[] a, int aOff, int ars, int acs) {
        Arrays.fill(dst, 0, kc * mr, 0f);
        for (int r = 0; r < ie - ib; r++) {
            int src = aOff + (ib + r) * ars + k0 * acs;
            for (int p = 0; p < kc; p++) dst[p * mr + r] = a[src + p * acs];
        }
    }

    /**
     * The micro-kernel: C[5 x 2L] at {@code c[ci + r*ldc ..]} = F + sliver . panel over kc, with
     * F at {@code f[fi + r*ldf ..]}: C itself to add into it, or {@link #ZERO} to overwrite it. 10
     * accumulators + 2 B vectors + 1 broadcast = 13 registers; the accumulators start from F and
     * end in C. It takes and returns no vectors (a vector passed to a call that C2 did not inline
     * is boxed) and keeps its vectors in registers.
     */
    private static void kernel(int kc, float[] a, int a0, int ars, int acs, float[] bp, int b0, float[] f, int fi, int ldf,
                               float[] c, int ci, int ldc) {
        int r0 = ci, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc;
        int f1 = fi + ldf, f2 = f1 + ldf, f3 = f2 + ldf, f4 = f3 + ldf;
        int a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars, a4 = a3 + ars;
        FloatVector c00 = FloatVector.fromArray(S, f, fi), c01 = FloatVector.fromArray(S, f, fi + L);
        FloatVector c10 = FloatVector.fromArray(S, f, f1), c11 = FloatVector.fromArray(S, f, f1 + L);
        FloatVector c20 = FloatVector.fromArray(S, f, f2), c21 = FloatVector.fromArray(S, f, f2 + L);
        FloatVector c30 = FloatVector.fromArray(S, f, f3), c31 = FloatVector.fromArray(S, f, f3 + L);
        FloatVector c40 = FloatVector.fromArray(S, f, f4), c41 = FloatVector.fromArray(S, f, f4 + L);
        for (int p = 0, pa = 0, pb = b0; p < kc; p++, pa += acs, pb += 2 * L) {
            FloatVector b0v = FloatVector.fromArray(S, bp, pb);
            FloatVector b1v = FloatVector.fromArray(S, bp, pb + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + pa]);
            c00 = x.fma(b0v, c00);
            c01 = x.fma(b1v, c01);
            x = FloatVector.broadcast(S, a[a1 + pa]);
            c10 = x.fma(b0v, c10);
            c11 = x.fma(b1v, c11);
            x = FloatVector.broadcast(S, a[a2 + pa]);
            c20 = x.fma(b0v, c20);
            c21 = x.fma(b1v, c21);
            x = FloatVector.broadcast(S, a[a3 + pa]);
            c30 = x.fma(b0v, c30);
            c31 = x.fma(b1v, c31);
            x = FloatVector.broadcast(S, a[a4 + pa]);
            c40 = x.fma(b0v, c40);
            c41 = x.fma(b1v, c41);
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

    /**
     * {@link #kernel} with six rows (a wide call's last panel of at most 2L columns): C[6 x 2L] at {@code c[ci + r*ldc ..]} = F + sliver . panel over kc, with
     * F at {@code f[fi + r*ldf ..]}: C itself to add into it, or {@link #ZERO} to overwrite it;
     * a panel of 2L columns (rows 2L apart). 12 accumulators + 2 B
     * vectors + 1 broadcast = 15 registers; the accumulators start from F and end in C. It takes
     * and returns no vectors (a vector passed to a call that C2 did not inline is boxed) and is,
     * with {@link #kernel4}, the only vector code of the loop, so C2 inlines all of it on JDK 17 and 25.
     */
    private static void kernel62(int kc, float[] a, int a0, int ars, int acs, float[] bp, int b0, float[] f, int fi, int ldf,
                               float[] c, int ci, int ldc) {
        int r0 = ci, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        int f1 = fi + ldf, f2 = f1 + ldf, f3 = f2 + ldf, f4 = f3 + ldf, f5 = f4 + ldf;
        int a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars, a4 = a3 + ars, a5 = a4 + ars;
        FloatVector c00 = FloatVector.fromArray(S, f, fi), c01 = FloatVector.fromArray(S, f, fi + L);
        FloatVector c10 = FloatVector.fromArray(S, f, f1), c11 = FloatVector.fromArray(S, f, f1 + L);
        FloatVector c20 = FloatVector.fromArray(S, f, f2), c21 = FloatVector.fromArray(S, f, f2 + L);
        FloatVector c30 = FloatVector.fromArray(S, f, f3), c31 = FloatVector.fromArray(S, f, f3 + L);
        FloatVector c40 = FloatVector.fromArray(S, f, f4), c41 = FloatVector.fromArray(S, f, f4 + L);
        FloatVector c50 = FloatVector.fromArray(S, f, f5), c51 = FloatVector.fromArray(S, f, f5 + L);
        for (int p = 0, pa = 0, pb = b0; p < kc; p++, pa += acs, pb += 2 * L) {
            FloatVector b0v = FloatVector.fromArray(S, bp, pb);
            FloatVector b1v = FloatVector.fromArray(S, bp, pb + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + pa]);
            c00 = x.fma(b0v, c00);
            c01 = x.fma(b1v, c01);
            x = FloatVector.broadcast(S, a[a1 + pa]);
            c10 = x.fma(b0v, c10);
            c11 = x.fma(b1v, c11);
            x = FloatVector.broadcast(S, a[a2 + pa]);
            c20 = x.fma(b0v, c20);
            c21 = x.fma(b1v, c21);
            x = FloatVector.broadcast(S, a[a3 + pa]);
            c30 = x.fma(b0v, c30);
            c31 = x.fma(b1v, c31);
            x = FloatVector.broadcast(S, a[a4 + pa]);
            c40 = x.fma(b0v, c40);
            c41 = x.fma(b1v, c41);
            x = FloatVector.broadcast(S, a[a5 + pa]);
            c50 = x.fma(b0v, c50);
            c51 = x.fma(b1v, c51);
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
        c50.intoArray(c, r5);
        c51.intoArray(c, r5 + L);
    }

    /** {@link #kernel} over all four vectors of a wide panel (WIDE only): 24 accumulators. */
    private static void kernel4(int kc, float[] a, int a0, int ars, int acs, float[] bp, int b0, float[] f, int fi, int ldf,
                                float[] c, int ci, int ldc) {
        int f1 = fi + ldf, f2 = f1 + ldf, f3 = f2 + ldf, f4 = f3 + ldf, f5 = f4 + ldf;
        int a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars, a4 = a3 + ars, a5 = a4 + ars;
        FloatVector c00 = FloatVector.fromArray(S, f, fi), c01 = FloatVector.fromArray(S, f, fi + L);
        FloatVector c02 = FloatVector.fromArray(S, f, fi + 2 * L), c03 = FloatVector.fromArray(S, f, fi + 3 * L);
        FloatVector c10 = FloatVector.fromArray(S, f, f1), c11 = FloatVector.fromArray(S, f, f1 + L);
        FloatVector c12 = FloatVector.fromArray(S, f, f1 + 2 * L), c13 = FloatVector.fromArray(S, f, f1 + 3 * L);
        FloatVector c20 = FloatVector.fromArray(S, f, f2), c21 = FloatVector.fromArray(S, f, f2 + L);
        FloatVector c22 = FloatVector.fromArray(S, f, f2 + 2 * L), c23 = FloatVector.fromArray(S, f, f2 + 3 * L);
        FloatVector c30 = FloatVector.fromArray(S, f, f3), c31 = FloatVector.fromArray(S, f, f3 + L);
        FloatVector c32 = FloatVector.fromArray(S, f, f3 + 2 * L), c33 = FloatVector.fromArray(S, f, f3 + 3 * L);
        FloatVector c40 = FloatVector.fromArray(S, f, f4), c41 = FloatVector.fromArray(S, f, f4 + L);
        FloatVector c42 = FloatVector.fromArray(S, f, f4 + 2 * L), c43 = FloatVector.fromArray(S, f, f4 + 3 * L);
        FloatVector c50 = FloatVector.fromArray(S, f, f5), c51 = FloatVector.fromArray(S, f, f5 + L);
        FloatVector c52 = FloatVector.fromArray(S, f, f5 + 2 * L), c53 = FloatVector.fromArray(S, f, f5 + 3 * L);
        for (int p = 0, pa = 0, pb = b0; p < kc; p++, pa += acs, pb += NR) {
            FloatVector b0v = FloatVector.fromArray(S, bp, pb);
            FloatVector b1v = FloatVector.fromArray(S, bp, pb + L);
            FloatVector b2v = FloatVector.fromArray(S, bp, pb + 2 * L);
            FloatVector b3v = FloatVector.fromArray(S, bp, pb + 3 * L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + pa]);
            c00 = x.fma(b0v, c00);
            c01 = x.fma(b1v, c01);
            c02 = x.fma(b2v, c02);
            c03 = x.fma(b3v, c03);
            x = FloatVector.broadcast(S, a[a1 + pa]);
            c10 = x.fma(b0v, c10);
            c11 = x.fma(b1v, c11);
            c12 = x.fma(b2v, c12);
            c13 = x.fma(b3v, c13);
            x = FloatVector.broadcast(S, a[a2 + pa]);
            c20 = x.fma(b0v, c20);
            c21 = x.fma(b1v, c21);
            c22 = x.fma(b2v, c22);
            c23 = x.fma(b3v, c23);
            x = FloatVector.broadcast(S, a[a3 + pa]);
            c30 = x.fma(b0v, c30);
            c31 = x.fma(b1v, c31);
            c32 = x.fma(b2v, c32);
            c33 = x.fma(b3v, c33);
            x = FloatVector.broadcast(S, a[a4 + pa]);
            c40 = x.fma(b0v, c40);
            c41 = x.fma(b1v, c41);
            c42 = x.fma(b2v, c42);
            c43 = x.fma(b3v, c43);
            x = FloatVector.broadcast(S, a[a5 + pa]);
            c50 = x.fma(b0v, c50);
            c51 = x.fma(b1v, c51);
            c52 = x.fma(b2v, c52);
            c53 = x.fma(b3v, c53);
        }
        int r = ci;
        c00.intoArray(c, r);
        c01.intoArray(c, r + L);
        c02.intoArray(c, r + 2 * L);
        c03.intoArray(c, r + 3 * L);
        r += ldc;
        c10.intoArray(c, r);
        c11.intoArray(c, r + L);
        c12.intoArray(c, r + 2 * L);
        c13.intoArray(c, r + 3 * L);
        r += ldc;
        c20.intoArray(c, r);
        c21.intoArray(c, r + L);
        c22.intoArray(c, r + 2 * L);
        c23.intoArray(c, r + 3 * L);
        r += ldc;
        c30.intoArray(c, r);
        c31.intoArray(c, r + L);
        c32.intoArray(c, r + 2 * L);
        c33.intoArray(c, r + 3 * L);
        r += ldc;
        c40.intoArray(c, r);
        c41.intoArray(c, r + L);
        c42.intoArray(c, r + 2 * L);
        c43.intoArray(c, r + 3 * L);
        r += ldc;
        c50.intoArray(c, r);
        c51.intoArray(c, r + L);
        c52.intoArray(c, r + 2 * L);
        c53.intoArray(c, r + 3 * L);
    }

    /** Columns of {@link #fewRows}'s wide pass: eight vectors, one eighth of a KiB of each row of B per step. */
    static final int FEW_ROWS_PANEL = 8 * L;

    /**
     * Few rows (single-sample predict) of A.B with B row-major: packing B for the call would cost
     * as much as the product, so each row streams B, eight vectors of columns at a time (512
     * contiguous bytes of each row of B per step: with two vectors, as before, each step touched a
     * new page every second row and streamed B from L3 at a third of the rate), then two, then
     * one vector per row for the last columns (the output layer's ten).
     * The vector passes read the rows of B that row i's list names ({@code rows[i * k ...]},
     * {@code counts[i]} of them, in order): all, or those whose factor is not 0. With
     * {@code panels} (B's whole panels, each k rows of FEW_ROWS_PANEL contiguous columns), the
     * wide pass reads those: one run of 0.25-0.5 MiB per panel, which the prefetchers stream
     * faster than 512-byte pieces 2 KiB apart (784x512 and 512x512 on two cores: 21-22 -> 16-17 us).
     * {@code window} holds one vector.
     */
    static void fewRows(int m, int j0, int j1, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] panels,
                        float[] c, int cOff, boolean accumulate, int[] rows, int[] counts, float[] window) {
        float[] pb = panels == null ? b : panels;
        int stride = panels == null ? n : FEW_ROWS_PANEL;
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * k, ci = cOff + i * n, r0 = i * k, r1 = r0 + counts[i];
            int j = j0;
            for (; j + FEW_ROWS_PANEL <= j1; j += FEW_ROWS_PANEL) {
                int base = panels == null ? bOff + j : j * k;
                FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
                for (int r = r0; r < r1; r++) {
                    int p = rows[r], bp = base + p * stride;
                    FloatVector x = FloatVector.broadcast(S, a[ai + p]);
                    s0 = x.fma(FloatVector.fromArray(S, pb, bp), s0);
                    s1 = x.fma(FloatVector.fromArray(S, pb, bp + L), s1);
                    s2 = x.fma(FloatVector.fromArray(S, pb, bp + 2 * L), s2);
                    s3 = x.fma(FloatVector.fromArray(S, pb, bp + 3 * L), s3);
                    s4 = x.fma(FloatVector.fromArray(S, pb, bp + 4 * L), s4);
                    s5 = x.fma(FloatVector.fromArray(S, pb, bp + 5 * L), s5);
                    s6 = x.fma(FloatVector.fromArray(S, pb, bp + 6 * L), s6);
                    s7 = x.fma(FloatVector.fromArray(S, pb, bp + 7 * L), s7);
                }
                if (accumulate) { // separate stores, not a merged vector: C2 on JDK 17 may box a vector phi
                    s0.add(FloatVector.fromArray(S, c, ci + j)).intoArray(c, ci + j);
                    s1.add(FloatVector.fromArray(S, c, ci + j + L)).intoArray(c, ci + j + L);
                    s2.add(FloatVector.fromArray(S, c, ci + j + 2 * L)).intoArray(c, ci + j + 2 * L);
                    s3.add(FloatVector.fromArray(S, c, ci + j + 3 * L)).intoArray(c, ci + j + 3 * L);
                    s4.add(FloatVector.fromArray(S, c, ci + j + 4 * L)).intoArray(c, ci + j + 4 * L);
                    s5.add(FloatVector.fromArray(S, c, ci + j + 5 * L)).intoArray(c, ci + j + 5 * L);
                    s6.add(FloatVector.fromArray(S, c, ci + j + 6 * L)).intoArray(c, ci + j + 6 * L);
                    s7.add(FloatVector.fromArray(S, c, ci + j + 7 * L)).intoArray(c, ci + j + 7 * L);
                } else {
                    s0.intoArray(c, ci + j);
                    s1.intoArray(c, ci + j + L);
                    s2.intoArray(c, ci + j + 2 * L);
                    s3.intoArray(c, ci + j + 3 * L);
                    s4.intoArray(c, ci + j + 4 * L);
                    s5.intoArray(c, ci + j + 5 * L);
                    s6.intoArray(c, ci + j + 6 * L);
                    s7.intoArray(c, ci + j + 7 * L);
                }
            }
            for (; j + 2 * L <= j1; j += 2 * L) {
                FloatVector s0 = FloatVector.zero(S), s1 = s0;
                for (int r = r0; r < r1; r++) {
                    int p = rows[r], bp = bOff + j + p * n;
                    FloatVector x = FloatVector.broadcast(S, a[ai + p]);
                    s0 = x.fma(FloatVector.fromArray(S, b, bp), s0);
                    s1 = x.fma(FloatVector.fromArray(S, b, bp + L), s1);
                }
                if (accumulate) { // separate stores, not a merged vector: C2 on JDK 17 may box a vector phi
                    s0.add(FloatVector.fromArray(S, c, ci + j)).intoArray(c, ci + j);
                    s1.add(FloatVector.fromArray(S, c, ci + j + L)).intoArray(c, ci + j + L);
                } else {
                    s0.intoArray(c, ci + j);
                    s1.intoArray(c, ci + j + L);
                }
            }
            // the last columns, fewer than two vectors (a 10-class output layer): one vector per
            // listed row of B from the row's column j on, its lanes past j1 reading into the next
            // row and dropped. One sum in the order of p, so that leaving out a zero's row leaves
            // the bits as they were. A row whose vector would leave the array is added in scalar
            // after. (512x10, one row, in a digit's predict: 2.2 -> 0.93 us.)
            for (; j < j1; j += L) {
                int w = Math.min(L, j1 - j), base = bOff + j, rEnd = r1;
                while (rEnd > r0 && base + rows[rEnd - 1] * n + L > b.length) rEnd--;
                FloatVector s0 = FloatVector.zero(S);
                int r = r0;
                for (; r < rEnd; r++) {
                    int p = rows[r];
                    s0 = FloatVector.broadcast(S, a[ai + p]).fma(FloatVector.fromArray(S, b, base + p * n), s0);
                }
                s0.intoArray(window, 0);
                for (; r < r1; r++) {
                    int p = rows[r];
                    for (int q = 0; q < w; q++) window[q] += a[ai + p] * b[base + p * n + q];
                }
                for (int q = 0; q < w; q++) c[ci + j + q] = accumulate ? c[ci + j + q] + window[q] : window[q];
            }
        }
    }
}
