package io.keras4j.engine.kernels.vector;

import io.keras4j.engine.kernels.ConvShape;
import io.keras4j.engine.kernels.Kernels;
import io.keras4j.engine.kernels.ScalarKernels;
import io.keras4j.engine.kernels.SmallGemm;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast kernels, on the JDK's Vector API: the only code that imports
 * {@code jdk.incubator.vector}, loaded reflectively by {@code KernelsProvider}.
 *
 * <p>SGEMM: every layout runs {@link Gemm}'s packed loops around one register-blocked
 * micro-kernel (5 rows x 2 vectors of C in 10 accumulators, small enough that C2 on JDK 17
 * inlines and register-allocates all of it); the layouts differ only in the strides the packing
 * reads, so {@code A^T} and {@code B^T} are never copied whole. Work is split over
 * {@link KernelPool} by column panels or row slivers. Shapes too small to pay for the set-up run
 * {@link SmallGemm}.
 *
 * <p>Two rules keep C2 from boxing vectors (a boxed vector allocates on every call, and the
 * allocation tests fail): no vector crosses a call of ours (C2 may leave the callee out of
 * line), and no method is called on a loop-carried vector ({@code s = s.add(v)} loses the
 * receiver's exact type at the loop's phi, and the call inside {@code add} can stay virtual;
 * {@code s = v.add(s)} keeps it). Both were seen: on JDK 25 with 512-bit vectors and on JDK 17
 * after a profile polluted by other shapes. Two more, seen on JDK 17 and kept out: one vector
 * shape only (a 128-bit kernel beside the 512-bit GEMM made C2 box both, as the JDK's shared
 * vector code then sees two classes), and no float-to-int lane conversion (on JDK 17 on x86 a
 * kernel using it boxed on every call). And one seen on JDK 25: a loaded vector used by one of
 * three branches chosen per iteration (bias or none, ReLU or none) boxed on every iteration;
 * the same work as two straight loops did not.
 */
public final class VectorKernels implements Kernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Below this many multiply-adds a call runs single-threaded... */
    private static final long PARALLEL_WORK = 1L << 18;
    /** ...and below this many it runs {@link SmallGemm}. */
    private static final long VECTOR_WORK = 1L << 12;
    /** Element-wise work (optimizer updates) below this many elements runs single-threaded. */
    private static final int PARALLEL_ELEMENTS = 1 << 15;

    private static final ScalarKernels SCALAR = new ScalarKernels();
    private final GemmJob job = new GemmJob();
    private final AdamJob adamJob = new AdamJob();
    private final GatherJob gatherJob = new GatherJob();
    private float[] transposed = new float[0];

    @Override
    public String name() {
        return "vector(" + S.vectorBitSize() + "-bit, " + L + " lanes, " + KernelPool.THREADS + " threads)";
    }

    // a (m,k) @ b (k,n) -> c (m,n)
    @Override
    public void gemm(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        if (small(m, n, k)) SmallGemm.gemm(m, n, k, a, aOff, k, 1, b, bOff, n, 1, c, cOff, accumulate);
        else run(m, n, k, a, aOff, k, 1, b, bOff, n, 1, c, cOff, accumulate);
    }

    // a (m,k) @ b (n,k)^T -> c (m,n)
    @Override
    public void gemmNT(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        if (small(m, n, k)) SmallGemm.gemm(m, n, k, a, aOff, k, 1, b, bOff, 1, k, c, cOff, accumulate);
        else run(m, n, k, a, aOff, k, 1, b, bOff, 1, k, c, cOff, accumulate);
    }

    // a (k,m)^T @ b (k,n) -> c (m,n)
    @Override
    public void gemmTN(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        if (small(m, n, k)) SmallGemm.gemm(m, n, k, a, aOff, 1, m, b, bOff, n, 1, c, cOff, accumulate);
        else run(m, n, k, a, aOff, 1, m, b, bOff, n, 1, c, cOff, accumulate);
    }

    // c (m,n) = act(a (m,k) @ b (k,n) + bias)
    @Override
    public void gemmBias(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] bias, int biasOff,
                         boolean relu, float[] c, int cOff) {
        gemmBiasFewRows(m, n, k, a, aOff, b, bOff, null, bias, biasOff, relu, false, c, cOff);
    }

    @Override
    public void gemmBiasFewRows(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] packed,
                                float[] bias, int biasOff, boolean relu, boolean bFinite, float[] c, int cOff) {
        if (small(m, n, k)) {
            SmallGemm.gemmBias(m, n, k, a, aOff, b, bOff, bias, biasOff, relu, c, cOff);
            return;
        }
        synchronized (job) { // both serve the few-rows path only; the job clears them after the call
            job.packedB = m < Gemm.MR ? packed : null;
            job.skipZeros = m < Gemm.MR && bFinite;
            run(m, n, k, a, aOff, k, 1, b, bOff, n, 1, c, cOff, false);
        }
        // two vector passes over C (in cache), through the kernels below: one pass with a vector
        // chosen by branches boxed on JDK 25 (AllocationFreeStepTest)
        if (bias != null) addRowVector(m, n, c, cOff, bias, biasOff);
        if (relu) relu(m * n, c, cOff, c, cOff);
    }

    /** {@link Gemm#fewRows}'s panels of B: all its whole panels of columns, each one contiguous run. */
    @Override
    public int packedSizeForFewRows(int k, int n) {
        return n / Gemm.FEW_ROWS_PANEL * Gemm.FEW_ROWS_PANEL * k;
    }

    @Override
    public void packForFewRows(int k, int n, float[] b, int bOff, float[] packed) {
        int w = Gemm.FEW_ROWS_PANEL;
        for (int j = 0, q = 0; j + w <= n; j += w) {
            for (int p = 0; p < k; p++, q += w) System.arraycopy(b, bOff + p * n + j, packed, q, w);
        }
    }

    private static boolean small(int m, int n, int k) {
        return (long) m * n * k < VECTOR_WORK;
    }

    private void run(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs, int bcs,
                     float[] c, int cOff, boolean accumulate) {
        synchronized (job) {
            if ((n < L || (brs == 1 && bcs != 1 && n >= 2 * m && k >= m)) && m >= Gemm.NR) {
                // C^T = B^T.A^T into a scratch, then C (+)= its transpose, for few columns (a 10-class
                // output layer: C^T fills whole vectors where C would pad n to NR columns) and for
                // A.B^T with B the taller (dx = dz.W^T): B^T would be packed by transposing B, a
                // strided copy; as C^T's left operand B is read in place, and only the shorter A is
                // packed that way (128x784x512 NT: 82-91 % -> 93-98 % of OpenBLAS).
                // A.B^T only while k >= m: the copy back reads m*n values with a stride, the packing
                // it saves n*k, so with a short sum it costs more than it saves (the MLP's dx through
                // its 10-unit output layer, 128x512x10: 90 -> 28 us without it).
                // Each part copies its own chunks back as it finishes them, in parallel and while they
                // are in its cache (after the call, on one thread, the copy took 65-96 of the 615 us
                // of the 128x784x512 NT on two threads).
                if (transposed.length < m * n) transposed = new float[m * n];
                runJob(n, m, k, b, bOff, bcs, brs, a, aOff, acs, ars, transposed, 0, false, c, cOff, accumulate);
            } else {
                runJob(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, accumulate, null, 0, false);
            }
        }
    }

    /** The job; with {@code t} not null, C^T is also copied into t (+= when tAcc) chunk by chunk. */
    private void runJob(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs, int bcs,
                        float[] c, int cOff, boolean accumulate, float[] t, int tOff, boolean tAcc) {
        job.set(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, accumulate);
        job.t = t;
        job.tOff = tOff;
        job.tAcc = tAcc;
        if ((long) m * n * k >= PARALLEL_WORK && KernelPool.THREADS > 1) KernelPool.run(job, KernelPool.THREADS);
        else job.run(0, 1);
        job.clear();
    }

    /**
     * One GEMM call's arguments, cut into chunks that the parts claim one at a time (so a part
     * that was descheduled or started late takes fewer): chunks of column panels when there are
     * enough of them (each part then packs only its own share of B), else of row slivers. Few
     * rows of A.B (a single-sample predict) skip packing and stream B, each part a fixed share of
     * the columns, so a core reads the same weights on every call (a predict is bound by reading
     * the weights).
     */
    static final class GemmJob implements KernelPool.Parts {
        /** Chunks per part: enough to even out the parts, few enough to keep each worth a claim. */
        private static final int CHUNKS_PER_PART = 4;
        int m, n, k, aOff, ars, acs, bOff, brs, bcs, cOff;
        float[] a, b, c;
        boolean accumulate;
        /** When not null: C^T (n x m) is written (added, with tAcc) here too, each chunk once it is done. */
        float[] t;
        int tOff;
        boolean tAcc;
        private final Gemm.Scratch[] scratch = new Gemm.Scratch[KernelPool.THREADS];
        /** For {@link #fewRows}, set by the caller for one call: null, or B's panels as {@code packForFewRows} made them. */
        float[] packedB;
        /** Likewise: B is finite, so that zeros of A may skip their rows of B. */
        boolean skipZeros;
        /** Per part, {@link #listRows}'s lists: row i's at i * k, its length in counts[part][i]. */
        private final int[][] rows = new int[KernelPool.THREADS][0];
        private final int[][] counts = new int[KernelPool.THREADS][Gemm.MR];
        /** One vector per part, for {@link Gemm#fewRows}'s last columns. */
        private final float[][] windows = new float[KernelPool.THREADS][L];
        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

        void set(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs, int bcs,
                 float[] c, int cOff, boolean acc) {
            this.m = m; this.n = n; this.k = k; this.a = a; this.aOff = aOff; this.ars = ars; this.acs = acs;
            this.b = b; this.bOff = bOff; this.brs = brs; this.bcs = bcs; this.c = c; this.cOff = cOff;
            this.accumulate = acc;
            next.set(0);
        }

        void clear() {
            a = b = c = t = packedB = null;
            skipZeros = false;
        }

        /** Few rows of A.B: B streamed, not packed. */
        boolean fewRows() {
            return m < Gemm.MR && acs == 1 && bcs == 1;
        }

        /**
         * For {@link #fewRows}, in each part's own arrays (the parts run it side by side, so it
         * costs no more than once, and the GEMM driver that callers inline stays small): the p
         * of each row of A whose rows of B it reads, in order; with {@code skipZeros}, only those
         * where A is not 0 (as a product 0 * b, for b finite, adds an exact 0: a ReLU's zeros,
         * an image's blank border), else all.
         */
        private void listRows(int part) {
            if (rows[part].length < m * k) rows[part] = new int[m * k];
            int[] list = rows[part], count = counts[part];
            for (int i = 0; i < m; i++) {
                int ai = aOff + i * k, base = i * k, c = 0;
                for (int p = 0; p < k; p++) { // without a branch on the values
                    list[base + c] = p;
                    c += !skipZeros || a[ai + p] != 0f ? 1 : 0;
                }
                count[i] = c;
            }
        }

        @Override
        public void run(int part, int parts) {
            if (fewRows()) { // a fixed share of the columns, no chunks
                // each core streams the same columns of B every call, some from its own L2
                int unit = Gemm.FEW_ROWS_PANEL, units = (n + unit - 1) / unit;
                int lo = (int) ((long) units * part / parts), hi = (int) ((long) units * (part + 1) / parts);
                listRows(part);
                Gemm.fewRows(m, lo * unit, Math.min(n, hi * unit), n, k, a, aOff, b, bOff, packedB, c, cOff, accumulate,
                        rows[part], counts[part], windows[part]);
                if (t != null) copyTransposed(0, m, lo * unit, Math.min(n, hi * unit));
                return;
            }
            int unit = Gemm.NR, panels = (n + unit - 1) / unit;
            // A^T (ars == 1) with many rows: split by rows, each part packing its rows of A once
            // (A^T read in place costs a page per step); each row chunk then packs all of B,
            // which pays only when the chunks are tall
            boolean packA = ars == 1 && acs != 1 && m >= 64 * parts * CHUNKS_PER_PART;
            boolean byColumns = panels >= 2 * parts && !packA;
            int units = byColumns ? panels : (m + Gemm.MR - 1) / Gemm.MR;
            int chunks = Math.min(units, parts * CHUNKS_PER_PART);
            Gemm.Scratch s = scratch[part];
            if (s == null) s = scratch[part] = new Gemm.Scratch();
            for (int q; (q = next.getAndIncrement()) < chunks; ) {
                int lo = (int) ((long) units * q / chunks), hi = (int) ((long) units * (q + 1) / chunks);
                if (byColumns) {
                    Gemm.block(0, m, lo * unit, Math.min(n, hi * unit), n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff,
                            accumulate, false, s);
                    if (t != null) copyTransposed(0, m, lo * unit, Math.min(n, hi * unit));
                } else {
                    Gemm.block(lo * Gemm.MR, Math.min(m, hi * Gemm.MR), 0, n, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c,
                            cOff, accumulate, packA, s);
                    if (t != null) copyTransposed(lo * Gemm.MR, Math.min(m, hi * Gemm.MR), 0, n);
                }
            }
        }

        /** t (n,m) (+)= C[i0:i1, j0:j1]^T, 64 rows of C at a time: the lines read stay in L1, t is written in runs. */
        private void copyTransposed(int i0, int i1, int j0, int j1) {
            for (int ib = i0; ib < i1; ib += 64) {
                int ie = Math.min(i1, ib + 64);
                for (int j = j0; j < j1; j++) {
                    int to = tOff + j * m, from = cOff + j;
                    if (tAcc) for (int i = ib; i < ie; i++) t[to + i] += c[from + i * n];
                    else for (int i = ib; i < ie; i++) t[to + i] = c[from + i * n];
                }
            }
        }
    }

    // x (m,n) += bias (n)
    @Override
    public void addRowVector(int m, int n, float[] x, int xOff, float[] bias, int bOff) {
        int vec = S.loopBound(n);
        for (int i = 0; i < m; i++) {
            int xi = xOff + i * n, j = 0;
            for (; j < vec; j += L) {
                FloatVector.fromArray(S, x, xi + j).add(FloatVector.fromArray(S, bias, bOff + j)).intoArray(x, xi + j);
            }
            for (; j < n; j++) x[xi + j] += bias[bOff + j];
        }
    }

    // out (n) (+)= sum over rows of x (m,n)
    @Override
    public void sumRows(int m, int n, float[] x, int xOff, float[] out, int oOff, boolean accumulate) {
        if (!accumulate) java.util.Arrays.fill(out, oOff, oOff + n, 0f);
        int vec = S.loopBound(n);
        int j = 0;
        for (; j < vec; j += L) {
            FloatVector s = FloatVector.fromArray(S, out, oOff + j);
            for (int i = 0; i < m; i++) s = FloatVector.fromArray(S, x, xOff + i * n + j).add(s); // receiver fresh: see above
            s.intoArray(out, oOff + j);
        }
        for (; j < n; j++) { // four partial sums: one chain of m dependent adds is latency-bound
            float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
            int i = 0;
            for (int xi = xOff + j; i + 4 <= m; i += 4, xi += 4 * n) {
                s0 += x[xi];
                s1 += x[xi + n];
                s2 += x[xi + 2 * n];
                s3 += x[xi + 3 * n];
            }
            for (; i < m; i++) s0 += x[xOff + i * n + j];
            out[oOff + j] += (s0 + s1) + (s2 + s3);
        }
    }

    // y (len) = max(x, 0)
    @Override
    public void relu(int len, float[] x, int xOff, float[] y, int yOff) {
        int vec = S.loopBound(len), i = 0;
        FloatVector zero = FloatVector.zero(S);
        for (; i < vec; i += L) FloatVector.fromArray(S, x, xOff + i).max(zero).intoArray(y, yOff + i);
        for (; i < len; i++) y[yOff + i] = Math.max(x[xOff + i], 0f);
    }

    // dx (len) (+)= dy where y > 0
    @Override
    public void reluBackward(int len, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, boolean accumulate) {
        int vec = S.loopBound(len), i = 0;
        FloatVector zero = FloatVector.zero(S);
        for (; i < vec; i += L) {
            FloatVector g = zero.blend(FloatVector.fromArray(S, dy, dyOff + i),
                    FloatVector.fromArray(S, y, yOff + i).compare(VectorOperators.GT, 0f));
            if (accumulate) g.add(FloatVector.fromArray(S, dx, dxOff + i)).intoArray(dx, dxOff + i); // no merged vector: see Gemm.fewRows
            else g.intoArray(dx, dxOff + i);
        }
        for (; i < len; i++) {
            float g = y[yOff + i] > 0f ? dy[dyOff + i] : 0f;
            dx[dxOff + i] = accumulate ? dx[dxOff + i] + g : g;
        }
    }

    /**
     * Both cores copy: a batch of 128 MNIST-sized rows from a data set larger than the caches
     * waits on memory, row after row (about 100 us of a 3.6 ms MLP step on one core).
     */
    @Override
    public void gatherRows(float[] src, int row, int[] order, int start, int rows, float[] dst) {
        if ((long) rows * row < PARALLEL_ELEMENTS || KernelPool.THREADS == 1 || rows < 2) {
            SCALAR.gatherRows(src, row, order, start, rows, dst);
            return;
        }
        synchronized (gatherJob) {
            gatherJob.set(src, row, order, start, rows, dst);
            KernelPool.run(gatherJob, KernelPool.THREADS);
            gatherJob.clear();
        }
    }

    /** Row gathering split into parts of whole rows. */
    static final class GatherJob implements KernelPool.Parts {
        private float[] src, dst;
        private int[] order;
        private int row, start, rows;

        void set(float[] src, int row, int[] order, int start, int rows, float[] dst) {
            this.src = src; this.row = row; this.order = order; this.start = start; this.rows = rows; this.dst = dst;
        }

        void clear() {
            src = dst = null;
            order = null;
        }

        @Override
        public void run(int part, int parts) {
            int lo = (int) ((long) rows * part / parts), hi = (int) ((long) rows * (part + 1) / parts);
            for (int r = lo; r < hi; r++) System.arraycopy(src, order[start + r] * row, dst, r * row, row);
        }
    }

    @Override
    public void adam(int from, int to, float[] w, float[] g, float[] m, float[] v, float a, float b1, float b2, float c1,
                     float c2, float eps) {
        synchronized (adamJob) {
            adamJob.set(from, to, w, g, m, v, a, b1, b2, c1, c2, eps);
            if (to - from >= PARALLEL_ELEMENTS && KernelPool.THREADS > 1) KernelPool.run(adamJob, KernelPool.THREADS);
            else adamJob.run(0, 1);
            adamJob.clear();
        }
    }

    /** The Adam update split into parts of whole vectors; memory-bound, so both cores' bandwidth helps. */
    static final class AdamJob implements KernelPool.Parts {
        private int from, to;
        private float[] w, g, m, v;
        private float a, b1, b2, c1, c2, eps;

        void set(int from, int to, float[] w, float[] g, float[] m, float[] v, float a, float b1, float b2, float c1,
                 float c2, float eps) {
            this.from = from; this.to = to; this.w = w; this.g = g; this.m = m; this.v = v;
            this.a = a; this.b1 = b1; this.b2 = b2; this.c1 = c1; this.c2 = c2; this.eps = eps;
        }

        void clear() {
            w = g = m = v = null;
        }

        @Override
        public void run(int part, int parts) {
            int vecs = (to - from) / L;
            int lo = from + (int) ((long) vecs * part / parts) * L;
            int hi = part == parts - 1 ? to : from + (int) ((long) vecs * (part + 1) / parts) * L;
            int i = lo;
            for (; i + L <= hi; i += L) { // products rounded one by one, as the scalar loop: same bits
                FloatVector gi = FloatVector.fromArray(S, g, i);
                FloatVector mi = FloatVector.fromArray(S, m, i).mul(b1).add(gi.mul(c1));
                FloatVector vi = FloatVector.fromArray(S, v, i).mul(b2).add(gi.mul(c2).mul(gi));
                mi.intoArray(m, i);
                vi.intoArray(v, i);
                FloatVector step = mi.mul(a).div(vi.sqrt().add(eps));
                FloatVector.fromArray(S, w, i).sub(step).intoArray(w, i);
            }
            SCALAR.adam(i, hi, w, g, m, v, a, b1, b2, c1, c2, eps); // the tail: the reference loop itself
        }
    }
    // ---- convolution

    private final ColumnsJob columnsJob = new ColumnsJob();

    @Override
    public void im2col(ConvShape s, int n, int group, float[] x, int xOff, float[] cols, int colsOff) {
        columns(true, s, n, group, x, xOff, cols, colsOff);
    }

    @Override
    public void col2im(ConvShape s, int n, int group, float[] cols, int colsOff, float[] dx, int dxOff) {
        columns(false, s, n, group, dx, dxOff, cols, colsOff);
    }

    /** Both directions split by samples over the pool (each sample's rows and pixels are its own). */
    private void columns(boolean gather, ConvShape s, int n, int group, float[] x, int xOff, float[] cols, int colsOff) {
        synchronized (columnsJob) {
            columnsJob.set(gather, s, n, group, x, xOff, cols, colsOff);
            if ((long) n * s.pixels() * s.patch() >= PARALLEL_ELEMENTS && KernelPool.THREADS > 1 && n > 1) {
                KernelPool.run(columnsJob, KernelPool.THREADS);
            } else {
                columnsJob.run(0, 1);
            }
            columnsJob.clear();
        }
    }

    /**
     * im2col / col2im for a share of the samples, copying whole runs: with no dilation a window row
     * inside the image is {@code kw * c} contiguous values of x (the MNIST convnet's 3x3x32 windows:
     * 96-value runs instead of 9 of 32).
     */
    static final class ColumnsJob implements KernelPool.Parts {
        private boolean gather;
        private ConvShape s;
        private int n, group, xOff, colsOff;
        private float[] x, cols;

        void set(boolean gather, ConvShape s, int n, int group, float[] x, int xOff, float[] cols, int colsOff) {
            this.gather = gather; this.s = s; this.n = n; this.group = group; this.x = x; this.xOff = xOff;
            this.cols = cols; this.colsOff = colsOff;
        }

        void clear() {
            x = cols = null;
            s = null;
        }

        @Override
        public void run(int part, int parts) {
            int lo = (int) ((long) n * part / parts), hi = (int) ((long) n * (part + 1) / parts);
            for (int i = lo; i < hi; i++) sample(i);
        }

        private void sample(int i) {
            ConvShape s = this.s;
            int cg = s.cg(), c = s.c, row = s.kw * cg;
            boolean whole = cg == c && s.dw == 1; // a window row inside the image is one run
            int xs = xOff + i * s.h * s.w * c + group * cg;
            int q = colsOff + i * s.pixels() * s.patch();
            for (int oy = 0; oy < s.oh; oy++) {
                for (int ox = 0; ox < s.ow; ox++) {
                    int ix0 = ox * s.sw - s.padLeft;
                    boolean rowInside = ix0 >= 0 && ix0 + (s.kw - 1) * s.dw < s.w;
                    for (int ky = 0; ky < s.kh; ky++, q += row) {
                        int iy = oy * s.sh - s.padTop + ky * s.dh;
                        if (iy < 0 || iy >= s.h) {
                            if (gather) java.util.Arrays.fill(cols, q, q + row, 0f);
                            continue;
                        }
                        int base = xs + iy * s.w * c;
                        if (whole && rowInside) {
                            run(base + ix0 * c, q, row);
                            continue;
                        }
                        for (int kx = 0; kx < s.kw; kx++) {
                            int ix = ix0 + kx * s.dw, qk = q + kx * cg;
                            if (ix >= 0 && ix < s.w) run(base + ix * c, qk, cg);
                            else if (gather) java.util.Arrays.fill(cols, qk, qk + cg, 0f);
                        }
                    }
                }
            }
        }

        /** cols[q, q+len) = x[from, from+len), or x[from, ...) += cols[q, ...) for col2im. */
        private void run(int from, int q, int len) {
            if (gather) {
                if (len >= 16) System.arraycopy(x, from, cols, q, len);
                else for (int j = 0; j < len; j++) cols[q + j] = x[from + j];
                return;
            }
            int j = 0, vec = S.loopBound(len);
            for (; j < vec; j += L) {
                FloatVector.fromArray(S, cols, q + j).add(FloatVector.fromArray(S, x, from + j)).intoArray(x, from + j);
            }
            for (; j < len; j++) x[from + j] += cols[q + j];
        }
    }

    @Override
    public void copyBlock(int rows, int cols, float[] src, int sOff, int sLd, float[] dst, int dOff, int dLd,
                          boolean accumulate) {
        SCALAR.copyBlock(rows, cols, src, sOff, sLd, dst, dOff, dLd, accumulate);
    }

    @Override
    public void transposeBatched(int b, int rows, int cols, float[] src, int sOff, float[] dst, int dOff, boolean accumulate) {
        SCALAR.transposeBatched(b, rows, cols, src, sOff, dst, dOff, accumulate);
    }
}
