package io.keras4j.engine.kernels.vector;

import io.keras4j.engine.kernels.ConvShape;
import jdk.incubator.vector.VectorMask;
import io.keras4j.engine.kernels.GateActivation;
import io.keras4j.engine.kernels.Kernels;
import io.keras4j.engine.kernels.ScalarKernels;
import io.keras4j.engine.kernels.SmallGemm;
import java.util.concurrent.atomic.AtomicReferenceArray;
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
    /** A transposed B of at most this many values is copied out as B^T (see {@link #run}). */
    private static final long SMALL_B = 1 << 16;

    private static final ScalarKernels SCALAR = new ScalarKernels();
    private final AdamJob adamJob = new AdamJob();
    private final GatherJob gatherJob = new GatherJob();
    /**
     * GEMM jobs between calls: each call takes one (its arguments and the caller's packing
     * buffers), so calls from several threads run side by side without a lock; a few are kept,
     * the rest of a burst of callers' go to the garbage collector.
     */
    private static final AtomicReferenceArray<GemmJob> FREE_JOBS =
            new AtomicReferenceArray<>(Math.max(8, 2 * Runtime.getRuntime().availableProcessors()));

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
        GemmJob job = takeJob();
        job.packedB = m < Gemm.MR ? packed : null; // both serve the few-rows path only; the job clears them after the call
        job.skipZeros = m < Gemm.MR && bFinite;
        // the bias and ReLU applied to each tile of C as the GEMM leaves it, where C is tiled
        // (not the few-rows, transposed or cut-sum forms): a convolution's C is megabytes, two
        // more passes over it cost 0.3-0.5 of the 1 ms of the convnet's first layer
        boolean fused = m >= Gemm.MR && !(n < L && m >= 2 * L) && GemmJob.segments(m, n, k) == 1;
        if (fused) {
            job.bias = bias;
            job.biasOff = biasOff;
            job.relu = relu;
        }
        run(job, m, n, k, a, aOff, k, 1, b, bOff, n, 1, c, cOff, false);
        giveBack(job);
        if (fused) return;
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

    private static GemmJob takeJob() {
        for (int i = 0; i < FREE_JOBS.length(); i++) {
            GemmJob j = FREE_JOBS.get(i);
            if (j != null && FREE_JOBS.compareAndSet(i, j, null)) return j;
        }
        return new GemmJob();
    }

    private static void giveBack(GemmJob job) {
        for (int i = 0; i < FREE_JOBS.length(); i++) {
            if (FREE_JOBS.get(i) == null && FREE_JOBS.compareAndSet(i, null, job)) return;
        }
    }

    private void run(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs, int bcs,
                     float[] c, int cOff, boolean accumulate) {
        GemmJob job = takeJob();
        run(job, m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, accumulate);
        giveBack(job);
    }

    private void run(GemmJob job, int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs,
                     int bcs, float[] c, int cOff, boolean accumulate) {
        if (brs == 1 && bcs == k && m >= 8 * n && (long) n * k <= SMALL_B) {
            // A.B^T with B small beside A (a convolution's dx = dz.W^T, 15488x288x64): B^T copied
            // out once, then the plain product, whose panels of B are packed from rows (4.9 ->
            // 4.1 ms on two threads); the same products, summed in the same order
            if (job.bt.length < n * k) job.bt = new float[n * k];
            transposeBatched(1, n, k, b, bOff, job.bt, 0, false);
            runJob(job, m, n, k, a, aOff, ars, acs, job.bt, 0, n, 1, c, cOff, accumulate, null, 0, false);
            return;
        }
        if ((n < L || (brs == 1 && bcs != 1 && n >= 2 * m && k >= m)) && m >= 2 * L) {
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
            if (job.transposed.length < m * n) job.transposed = new float[m * n];
            runJob(job, n, m, k, b, bOff, bcs, brs, a, aOff, acs, ars, job.transposed, 0, false, c, cOff, accumulate);
        } else {
            runJob(job, m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, accumulate, null, 0, false);
        }
    }

    /** The job; with {@code t} not null, C^T is also copied into t (+= when tAcc) chunk by chunk. */
    private static void runJob(GemmJob job, int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff,
                               int brs, int bcs, float[] c, int cOff, boolean accumulate, float[] t, int tOff, boolean tAcc) {
        job.set(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, accumulate);
        job.t = t;
        job.tOff = tOff;
        job.tAcc = tAcc;
        if ((long) m * n * k >= PARALLEL_WORK && KernelPool.THREADS > 1) KernelPool.run(job, KernelPool.THREADS);
        else job.run(0, 1);
        job.reduce();
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
        /** {@link #segments}: the shortest segment of a cut sum... */
        static final int K_SEGMENT = 1024;
        /** ...the most segments... */
        static final int MAX_SEGMENTS = 8;
        /** ...and the most outputs of a product whose sum is cut (its partial sums take MAX_SEGMENTS times C). */
        static final long MAX_SPLIT_OUTPUTS = 1L << 18;
        /** Segments of this call's sum (see {@link #segments}); 1 when it is not cut. */
        int segments = 1;
        /** The partial products of a cut sum, segment q's at q*m*n; this job's own, grown on first use. */
        float[] partials = new float[0];
        int m, n, k, aOff, ars, acs, bOff, brs, bcs, cOff;
        float[] a, b, c;
        boolean accumulate;
        /** When not null: C^T (n x m) is written (added, with tAcc) here too, each chunk once it is done. */
        float[] t;
        int tOff;
        boolean tAcc;
        /** B^T for products with a small transposed B, this job's own. */
        float[] bt = new float[0];
        /** C^T for the transposed products, this job's own. */
        float[] transposed = new float[0];
        /** Part 0's buffers (the calling thread's); those of parts 1.. belong to the pool's workers. */
        private final Part own = new Part();
        /** The workers' buffers, used only by the caller that owns the pool (see {@link KernelPool#tryRun}). */
        private static final Part[] WORKER_PARTS = new Part[KernelPool.THREADS];
        /** For {@link #fewRows}, set by the caller for one call: null, or B's panels as {@code packForFewRows} made them. */
        float[] packedB;
        /** Likewise: B is finite, so that zeros of A may skip their rows of B. */
        boolean skipZeros;
        /** For a tiled gemmBias, set by the caller for one call: C = act(C + bias) on each finished tile. */
        float[] bias;
        int biasOff;
        boolean relu;
        /** One part's buffers. */
        private static final class Part {
            /** Packing buffers, made on first use. */
            Gemm.Scratch scratch;
            /** {@link #listRows}'s lists: row i's at i * k, its length in counts[i]. */
            int[] rows = new int[0];
            final int[] counts = new int[Gemm.MR];
            /** One vector, for {@link Gemm#fewRows}'s last columns. */
            final float[] window = new float[L];
        }

        private Part part(int part) {
            if (part == 0) return own;
            Part p = WORKER_PARTS[part];
            if (p == null) p = WORKER_PARTS[part] = new Part();
            return p;
        }
        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

        void set(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs, int bcs,
                 float[] c, int cOff, boolean acc) {
            this.m = m; this.n = n; this.k = k; this.a = a; this.aOff = aOff; this.ars = ars; this.acs = acs;
            this.b = b; this.bOff = bOff; this.brs = brs; this.bcs = bcs; this.c = c; this.cOff = cOff;
            this.accumulate = acc;
            segments = fewRows() ? 1 : segments(m, n, k);
            if (segments > 1 && partials.length < segments * m * n) partials = new float[segments * m * n];
            next.set(0);
        }

        /**
         * Into how many segments of its sum a product is cut (1: not cut), from its shape alone,
         * never from the thread count, so the bits are the same with any number of threads: for a
         * long sum into few outputs (a convolution's kernel gradient, 288x15488x64 TN: a sum over
         * every pixel of the batch), at most {@link #MAX_SEGMENTS} of at least {@link #K_SEGMENT}.
         * Split by rows, such a product ran as few row chunks, each packing all of the long B
         * again, and with fewer than two slivers of rows (9x86528x32 TN) it could not be split.
         */
        static int segments(int m, int n, int k) {
            if (k < 2 * K_SEGMENT || (long) m * n > MAX_SPLIT_OUTPUTS || (long) m * n > 16L * k) return 1;
            // a power of two, so that they share out evenly over 2, 4 or 8 threads (7 segments of
            // the 288x15488x64 TN on two threads left one idle an eighth of the time)
            return Integer.highestOneBit(Math.min(MAX_SEGMENTS, k / K_SEGMENT));
        }

        /**
         * A product cut into segments: C (+)= P_0 + P_1 + ... + P_{s-1}, added in this order by the
         * caller once all parts are done (the same order with any thread count); then, with
         * {@code t}, C^T is copied out.
         */
        void reduce() {
            if (segments <= 1) return;
            int size = m * n, vec = S.loopBound(size);
            for (int q = 0; q < segments; q++) {
                int po = q * size;
                if (q == 0 && !accumulate) {
                    System.arraycopy(partials, 0, c, cOff, size);
                    continue;
                }
                int i = 0;
                for (; i < vec; i += L) {
                    FloatVector.fromArray(S, c, cOff + i).add(FloatVector.fromArray(S, partials, po + i)).intoArray(c, cOff + i);
                }
                for (; i < size; i++) c[cOff + i] += partials[po + i];
            }
            if (t != null) copyTransposed(0, m, 0, n);
        }

        /** One segment of a cut sum: P_q = A[:, k0:k1] . B[k0:k1, :], all rows and columns. */
        private void segment(int q, Gemm.Scratch s) {
            int k0 = (int) ((long) k * q / segments), k1 = (int) ((long) k * (q + 1) / segments);
            // A^T with a long row stride: copy its slivers once per k-block (in place, each step
            // of the micro-kernel would read a new cache line, a new page every few steps)
            boolean packA = ars == 1 && acs >= 64 && m >= Gemm.MR;
            Gemm.block(0, m, 0, n, n, k1 - k0, a, aOff + k0 * acs, ars, acs, b, bOff + k0 * brs, brs, bcs, partials,
                    q * m * n, false, packA, s);
        }

        void clear() {
            a = b = c = t = packedB = bias = null;
            skipZeros = relu = false;
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
        private void listRows(Part state) {
            if (state.rows.length < m * k) state.rows = new int[m * k];
            int[] list = state.rows, count = state.counts;
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
                Part state = part(part);
                listRows(state);
                Gemm.fewRows(m, lo * unit, Math.min(n, hi * unit), n, k, a, aOff, b, bOff, packedB, c, cOff, accumulate,
                        state.rows, state.counts, state.window);
                if (t != null) copyTransposed(0, m, lo * unit, Math.min(n, hi * unit));
                return;
            }
            if (segments > 1) { // a long sum: the parts claim its segments
                Gemm.Scratch s = part(part).scratch;
                if (s == null) s = part(part).scratch = new Gemm.Scratch();
                for (int q; (q = next.getAndIncrement()) < segments; ) segment(q, s);
                return;
            }
            int unit = Gemm.NR, panels = (n + unit - 1) / unit;
            // A^T (ars == 1) with many rows: split by rows, each part packing its rows of A once
            // (A^T read in place costs a page per step); each row chunk then packs all of B,
            // which pays only when the chunks are tall
            boolean packA = ars == 1 && acs != 1 && m >= 64 * parts * CHUNKS_PER_PART;
            // by columns only when the panels share out evenly (at most 1/8 idle): 5 panels on two
            // threads left one idle for a fifth of the conv's dx (15488x288x64 NT); rows share out finely
            int perPart = (panels + parts - 1) / parts;
            boolean byColumns = panels >= 2 * parts && (perPart * parts - panels) * 8 <= panels && !packA;
            int units = byColumns ? panels : (m + Gemm.MR - 1) / Gemm.MR;
            int chunks = Math.min(units, parts * CHUNKS_PER_PART);
            Part state = part(part);
            Gemm.Scratch s = state.scratch;
            if (s == null) s = state.scratch = new Gemm.Scratch();
            for (int q; (q = next.getAndIncrement()) < chunks; ) {
                int lo = (int) ((long) units * q / chunks), hi = (int) ((long) units * (q + 1) / chunks);
                if (byColumns) {
                    Gemm.block(0, m, lo * unit, Math.min(n, hi * unit), n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff,
                            accumulate, false, bias, biasOff, relu, s);
                    if (t != null) copyTransposed(0, m, lo * unit, Math.min(n, hi * unit));
                } else {
                    Gemm.block(lo * Gemm.MR, Math.min(m, hi * Gemm.MR), 0, n, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c,
                            cOff, accumulate, packA, bias, biasOff, relu, s);
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
        if (m > SUM_SEGMENT) segments(m, n, null, 0, x, xOff, out, oOff, accumulate);
        else sumRowsSerial(m, n, x, xOff, out, oOff, accumulate);
    }

    @Override
    public void reluBackwardSumRows(int m, int n, float[] y, int yOff, float[] dy, int dyOff, float[] db, int dbOff,
                                    boolean accumulate) {
        if (y == null && db == null) return;
        if (m > SUM_SEGMENT) {
            segments(m, n, y, yOff, dy, dyOff, db, dbOff, accumulate);
            return;
        }
        if (y != null) reluBackward(m * n, y, yOff, dy, dyOff, dy, dyOff, false);
        if (db != null) sumRowsSerial(m, n, dy, dyOff, db, dbOff, accumulate);
    }

    private final SegmentJob segmentJob = new SegmentJob();

    /** A long column sum (and the ReLU mask before it) in segments, the segments split over KernelPool. */
    private void segments(int m, int n, float[] y, int yOff, float[] x, int xOff, float[] out, int oOff, boolean accumulate) {
        int segs = (m + SUM_SEGMENT - 1) / SUM_SEGMENT;
        synchronized (segmentJob) {
            segmentJob.set(m, n, y, yOff, x, xOff, out != null);
            if ((long) m * n >= PARALLEL_ELEMENTS && KernelPool.THREADS > 1) KernelPool.run(segmentJob, Math.min(KernelPool.THREADS, segs));
            else segmentJob.run(0, 1);
            if (out != null) {
                if (!accumulate) java.util.Arrays.fill(out, oOff, oOff + n, 0f);
                for (int g = 0; g < segs; g++) addInto(segmentJob.sums, g * n, out, oOff, n);
            }
            segmentJob.clear();
        }
    }

    /**
     * Segments of {@link #SUM_SEGMENT} rows: in each, the ReLU mask applied to x in place (when y
     * is set) and the rows summed from 0 in row order into the segment's row of {@code sums},
     * one pass over x; the caller adds the segments' sums in order.
     */
    static final class SegmentJob implements KernelPool.Parts {
        private int m, n, yOff, xOff;
        private float[] y, x;
        private boolean sum;
        float[] sums = new float[0];

        void set(int m, int n, float[] y, int yOff, float[] x, int xOff, boolean sum) {
            this.m = m; this.n = n; this.y = y; this.yOff = yOff; this.x = x; this.xOff = xOff; this.sum = sum;
            int need = (m + SUM_SEGMENT - 1) / SUM_SEGMENT * n;
            if (sum && sums.length < need) sums = new float[need]; // grows to the largest shape, once
        }

        void clear() {
            y = x = null;
        }

        @Override
        public void run(int part, int parts) {
            int segs = (m + SUM_SEGMENT - 1) / SUM_SEGMENT;
            int lo = (int) ((long) segs * part / parts), hi = (int) ((long) segs * (part + 1) / parts);
            for (int g = lo; g < hi; g++) {
                int so = g * n;
                if (sum) java.util.Arrays.fill(sums, so, so + n, 0f);
                for (int i = g * SUM_SEGMENT, end = Math.min(i + SUM_SEGMENT, m); i < end; i++) {
                    int xi = xOff + i * n;
                    // three straight loops, not one with branches per vector (see the class comment on boxing)
                    if (y == null) addInto(x, xi, sums, so, n);
                    else if (sum) maskAdd(y, yOff + i * n, x, xi, sums, so, n);
                    else reluBackwardRun(n, y, yOff + i * n, x, xi, x, xi, false);
                }
            }
        }

        /** x[xo..xo+n) = x where y > 0, else 0; then s[so..so+n) += x. */
        private static void maskAdd(float[] y, int yo, float[] x, int xo, float[] s, int so, int n) {
            FloatVector zero = FloatVector.zero(S);
            int j = 0;
            for (int vec = S.loopBound(n); j < vec; j += L) {
                FloatVector v = zero.blend(FloatVector.fromArray(S, x, xo + j), FloatVector.fromArray(S, y, yo + j).compare(VectorOperators.GT, 0f));
                v.intoArray(x, xo + j);
                FloatVector.fromArray(S, s, so + j).add(v).intoArray(s, so + j);
            }
            for (; j < n; j++) s[so + j] += x[xo + j] = y[yo + j] > 0f ? x[xo + j] : 0f;
        }
    }

    private static void sumRowsSerial(int m, int n, float[] x, int xOff, float[] out, int oOff, boolean accumulate) {
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
        reluBackwardRun(len, y, yOff, dy, dyOff, dx, dxOff, accumulate);
    }

    private static void reluBackwardRun(int len, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff,
                                        boolean accumulate) {
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
    // ---- normalization (BatchNormalization, LayerNormalization): the scalar loops for now (no
    // Vector API version measured yet; these passes are memory-bound beside the convolutions)

    @Override
    public void channelMoments(int outer, int c, int inner, float[] x, int xOff, float[] mean, float[] var, double[] work) {
        SCALAR.channelMoments(outer, c, inner, x, xOff, mean, var, work);
    }

    @Override
    public void channelScaleShift(int outer, int c, int inner, float[] x, int xOff, float[] scale, float[] shift, float[] y,
                                  int yOff) {
        SCALAR.channelScaleShift(outer, c, inner, x, xOff, scale, shift, y, yOff);
    }

    @Override
    public void channelGradSums(int outer, int c, int inner, float[] x, int xOff, float[] dy, int dyOff, float[] mean,
                                float[] sumDy, float[] sumDyXc, double[] work) {
        SCALAR.channelGradSums(outer, c, inner, x, xOff, dy, dyOff, mean, sumDy, sumDyXc, work);
    }

    @Override
    public void channelInputGrad(int outer, int c, int inner, float[] dy, int dyOff, float[] x, int xOff, float[] mean,
                                 float[] a, float[] b, float[] k, float[] dx, int dxOff, boolean accumulate) {
        SCALAR.channelInputGrad(outer, c, inner, dy, dyOff, x, xOff, mean, a, b, k, dx, dxOff, accumulate);
    }

    @Override
    public void rowNormalize(int rows, int c, float[] x, int xOff, float eps, float[] gamma, int gOff, float[] beta, int bOff,
                             float[] y, int yOff, float[] mean, float[] invStd) {
        SCALAR.rowNormalize(rows, c, x, xOff, eps, gamma, gOff, beta, bOff, y, yOff, mean, invStd);
    }

    @Override
    public void rowNormalizeBackward(int rows, int c, float[] x, int xOff, float[] dy, int dyOff, float[] gamma, int gOff,
                                     float[] mean, float[] invStd, float[] dx, int dxOff, boolean accumulate,
                                     float[] dgamma, int dgOff, float[] dbeta, int dbOff) {
        SCALAR.rowNormalizeBackward(rows, c, x, xOff, dy, dyOff, gamma, gOff, mean, invStd, dx, dxOff, accumulate, dgamma, dgOff,
                dbeta, dbOff);
    }

    // ---- recurrent (rnn): the gate kernels' cost is their exp/tanh (an LSTM step's gates took 5x
    // its h@R GEMM with the scalar loops), which VectorMath computes in vectors, each value the
    // same bits however far the JIT has got (the Vector API's own EXP and TANH are not: see
    // VectorMath). The pre-activations are summed into the output buffers, then activated there
    // in place, so that no vector crosses a call. Activations other than tanh, sigmoid and
    // linear, and the kernels without transcendentals, run the scalar loops.

    private static boolean vectorGate(int code) {
        return VectorMath.supports(code);
    }

    /** f'(x) from y = f(x), for the codes of {@link #vectorGate}. */
    private static FloatVector gateDerivative(int code, FloatVector y) {
        if (code == GateActivation.TANH) return ONE.sub(y.mul(y));
        if (code == GateActivation.SIGMOID) return y.mul(ONE.sub(y));
        return ONE;
    }

    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    /** {@code dst[dOff + i] = a[aOff + i] + b[bOff + i]} for i < len. */
    private static void addInto(int len, float[] a, int aOff, float[] b, int bOff, float[] dst, int dOff) {
        int i = 0;
        for (int end = S.loopBound(len); i < end; i += L) {
            FloatVector.fromArray(S, a, aOff + i).add(FloatVector.fromArray(S, b, bOff + i)).intoArray(dst, dOff + i);
        }
        for (; i < len; i++) dst[dOff + i] = a[aOff + i] + b[bOff + i];
    }

    @Override
    public void rnnStepForward(int len, float[] xp, int xpOff, float[] hr, int hrOff, int act, float[] h, int hOff) {
        if (!vectorGate(act)) {
            SCALAR.rnnStepForward(len, xp, xpOff, hr, hrOff, act, h, hOff);
            return;
        }
        addInto(len, xp, xpOff, hr, hrOff, h, hOff);
        VectorMath.apply(act, h, hOff, h, hOff, len);
    }

    @Override
    public void rnnStepBackward(int len, float[] h, int hOff, float[] dh, int dhOff, int act, float[] dpre, int dpOff) {
        SCALAR.rnnStepBackward(len, h, hOff, dh, dhOff, act, dpre, dpOff);
    }

    @Override
    public void lstmStepForward(int n, int u, float[] xp, int xpOff, float[] hr, int hrOff, float[] cPrev, int cpOff,
                                int act, int recAct, float[] gates, int gOff, float[] c, int cOff, float[] h, int hOff) {
        if (!vectorGate(act) || !vectorGate(recAct) || u < L) {
            SCALAR.lstmStepForward(n, u, xp, xpOff, hr, hrOff, cPrev, cpOff, act, recAct, gates, gOff, c, cOff, h, hOff);
            return;
        }
        int w = 4 * u, vu = S.loopBound(u);
        addInto(n * w, xp, xpOff, hr, hrOff, gates, gOff); // the samples' gate rows are contiguous in all three
        for (int b = 0; b < n; b++) {
            int g = gOff + b * w, s = b * u;
            VectorMath.apply(recAct, gates, g, gates, g, 2 * u); // i, f
            VectorMath.apply(act, gates, g + 2 * u, gates, g + 2 * u, u); // c
            VectorMath.apply(recAct, gates, g + 3 * u, gates, g + 3 * u, u); // o
            for (int j = 0; j < vu; j += L) {
                FloatVector ig = FloatVector.fromArray(S, gates, g + j), fg = FloatVector.fromArray(S, gates, g + u + j);
                FloatVector cg = FloatVector.fromArray(S, gates, g + 2 * u + j);
                fg.mul(FloatVector.fromArray(S, cPrev, cpOff + s + j)).add(ig.mul(cg)).intoArray(c, cOff + s + j);
            }
            for (int j = vu; j < u; j++) {
                c[cOff + s + j] = gates[g + u + j] * cPrev[cpOff + s + j] + gates[g + j] * gates[g + 2 * u + j];
            }
            VectorMath.apply(act, c, cOff + s, h, hOff + s, u); // h = o * act(c)
            for (int j = 0; j < vu; j += L) {
                FloatVector.fromArray(S, gates, g + 3 * u + j).mul(FloatVector.fromArray(S, h, hOff + s + j)).intoArray(h, hOff + s + j);
            }
            for (int j = vu; j < u; j++) h[hOff + s + j] = gates[g + 3 * u + j] * h[hOff + s + j];
        }
    }

    @Override
    public void lstmStepBackward(int n, int u, float[] gates, int gOff, float[] cPrev, int cpOff, float[] c, int cOff,
                                 float[] dh, int dhOff, float[] dc, int dcOff, int act, int recAct, float[] dpre,
                                 int dpOff) {
        if (!vectorGate(act) || !vectorGate(recAct) || u < L) {
            SCALAR.lstmStepBackward(n, u, gates, gOff, cPrev, cpOff, c, cOff, dh, dhOff, dc, dcOff, act, recAct, dpre, dpOff);
            return;
        }
        int w = 4 * u, vu = S.loopBound(u);
        for (int b = 0; b < n; b++) {
            int g = gOff + b * w, d = dpOff + b * w, s = b * u;
            // act(c) into dpre's o block, which each lane reads before it writes the o gradient there
            VectorMath.apply(act, c, cOff + s, dpre, d + 3 * u, u);
            for (int j = 0; j < vu; j += L) {
                FloatVector ig = FloatVector.fromArray(S, gates, g + j), fg = FloatVector.fromArray(S, gates, g + u + j);
                FloatVector cg = FloatVector.fromArray(S, gates, g + 2 * u + j), og = FloatVector.fromArray(S, gates, g + 3 * u + j);
                FloatVector ac = FloatVector.fromArray(S, dpre, d + 3 * u + j);
                FloatVector dhv = FloatVector.fromArray(S, dh, dhOff + s + j);
                FloatVector dct = FloatVector.fromArray(S, dc, dcOff + s + j).add(dhv.mul(og).mul(gateDerivative(act, ac)));
                dct.mul(cg).mul(gateDerivative(recAct, ig)).intoArray(dpre, d + j);
                dct.mul(FloatVector.fromArray(S, cPrev, cpOff + s + j)).mul(gateDerivative(recAct, fg)).intoArray(dpre, d + u + j);
                dct.mul(ig).mul(gateDerivative(act, cg)).intoArray(dpre, d + 2 * u + j);
                dhv.mul(ac).mul(gateDerivative(recAct, og)).intoArray(dpre, d + 3 * u + j);
                dct.mul(fg).intoArray(dc, dcOff + s + j);
            }
            for (int j = vu; j < u; j++) {
                float ig = gates[g + j], fg = gates[g + u + j], cg = gates[g + 2 * u + j], og = gates[g + 3 * u + j];
                float ac = dpre[d + 3 * u + j];
                float dhv = dh[dhOff + s + j];
                float dct = dc[dcOff + s + j] + dhv * og * GateActivation.derivative(act, ac);
                dpre[d + j] = dct * cg * GateActivation.derivative(recAct, ig);
                dpre[d + u + j] = dct * cPrev[cpOff + s + j] * GateActivation.derivative(recAct, fg);
                dpre[d + 2 * u + j] = dct * ig * GateActivation.derivative(act, cg);
                dpre[d + 3 * u + j] = dhv * ac * GateActivation.derivative(recAct, og);
                dc[dcOff + s + j] = dct * fg;
            }
        }
    }

    @Override
    public void gruStepForward(int n, int u, float[] xp, int xpOff, float[] hr, int hrOff, float[] hPrev, int hpOff,
                               int act, int recAct, float[] gates, int gOff, float[] h, int hOff) {
        if (!vectorGate(act) || !vectorGate(recAct) || u < L) {
            SCALAR.gruStepForward(n, u, xp, xpOff, hr, hrOff, hPrev, hpOff, act, recAct, gates, gOff, h, hOff);
            return;
        }
        int w = 3 * u, vu = S.loopBound(u);
        for (int b = 0; b < n; b++) {
            int x = xpOff + b * w, r = hrOff + b * w, g = gOff + b * 4 * u, s = b * u;
            addInto(2 * u, xp, x, hr, r, gates, g); // z, r
            VectorMath.apply(recAct, gates, g, gates, g, 2 * u);
            System.arraycopy(hr, r + 2 * u, gates, g + 3 * u, u); // the candidate's recurrent term, kept for backward
            for (int j = 0; j < vu; j += L) {
                FloatVector rg = FloatVector.fromArray(S, gates, g + u + j), hrh = FloatVector.fromArray(S, hr, r + 2 * u + j);
                FloatVector.fromArray(S, xp, x + 2 * u + j).add(rg.mul(hrh)).intoArray(gates, g + 2 * u + j);
            }
            for (int j = vu; j < u; j++) gates[g + 2 * u + j] = xp[x + 2 * u + j] + gates[g + u + j] * hr[r + 2 * u + j];
            VectorMath.apply(act, gates, g + 2 * u, gates, g + 2 * u, u); // the candidate hh
            for (int j = 0; j < vu; j += L) {
                FloatVector z = FloatVector.fromArray(S, gates, g + j), hh = FloatVector.fromArray(S, gates, g + 2 * u + j);
                z.mul(FloatVector.fromArray(S, hPrev, hpOff + s + j)).add(ONE.sub(z).mul(hh)).intoArray(h, hOff + s + j);
            }
            for (int j = vu; j < u; j++) {
                float z = gates[g + j];
                h[hOff + s + j] = z * hPrev[hpOff + s + j] + (1 - z) * gates[g + 2 * u + j];
            }
        }
    }

    @Override
    public void gruStepBackward(int n, int u, float[] gates, int gOff, float[] hPrev, int hpOff, float[] dh, int dhOff,
                                int act, int recAct, float[] dxp, int dxOff, float[] dhr, int dhrOff, float[] dhPrev,
                                int dhpOff) {
        SCALAR.gruStepBackward(n, u, gates, gOff, hPrev, hpOff, dh, dhOff, act, recAct, dxp, dxOff, dhr, dhrOff, dhPrev,
                dhpOff);
    }

    @Override
    public void gruResetBeforeGates(int n, int u, float[] xp, int xpOff, float[] hr, int hrOff, float[] hPrev, int hpOff,
                                    int recAct, float[] gates, int gOff, float[] rh, int rhOff) {
        SCALAR.gruResetBeforeGates(n, u, xp, xpOff, hr, hrOff, hPrev, hpOff, recAct, gates, gOff, rh, rhOff);
    }

    @Override
    public void gruResetBeforeOutput(int n, int u, float[] xp, int xpOff, float[] hrh, int hrhOff, float[] hPrev,
                                     int hpOff, int act, float[] gates, int gOff, float[] h, int hOff) {
        SCALAR.gruResetBeforeOutput(n, u, xp, xpOff, hrh, hrhOff, hPrev, hpOff, act, gates, gOff, h, hOff);
    }

    @Override
    public void gruResetBeforeOutputBackward(int n, int u, float[] gates, int gOff, float[] hPrev, int hpOff, float[] dh,
                                             int dhOff, int act, int recAct, float[] dxp, int dxOff, float[] dph,
                                             int dphOff, float[] dhPrev, int dhpOff) {
        SCALAR.gruResetBeforeOutputBackward(n, u, gates, gOff, hPrev, hpOff, dh, dhOff, act, recAct, dxp, dxOff, dph,
                dphOff, dhPrev, dhpOff);
    }

    @Override
    public void gruResetBeforeGatesBackward(int n, int u, float[] gates, int gOff, float[] hPrev, int hpOff, float[] drh,
                                            int drhOff, int recAct, float[] dxp, int dxOff, float[] dhr, int dhrOff,
                                            float[] dhPrev, int dhpOff) {
        SCALAR.gruResetBeforeGatesBackward(n, u, gates, gOff, hPrev, hpOff, drh, drhOff, recAct, dxp, dxOff, dhr, dhrOff,
                dhPrev, dhpOff);
    }

    // ---- pooling: channels last, so one vector holds L channels of one cell; the window's cells
    // are visited in the scalar kernels' order, so sums and maxima have the same bits. Batches
    // large enough are split by samples over KernelPool (each sample is independent: same bits).

    private final PoolJob poolJob = new PoolJob();

    @Override
    public void maxPool2d(int n, int h, int w, int c, int ph, int pw, int sh, int sw, int padTop, int padLeft, int oh,
                          int ow, float[] x, int xOff, float[] y, int yOff) {
        pool(PoolJob.MAX, n, h, w, c, ph, pw, sh, sw, padTop, padLeft, oh, ow, x, xOff, y, yOff, null, 0, null, 0, false);
    }

    @Override
    public void maxPool2dBackward(int n, int h, int w, int c, int ph, int pw, int sh, int sw, int padTop, int padLeft,
                                  int oh, int ow, float[] x, int xOff, float[] y, int yOff, float[] dy, int dyOff,
                                  float[] dx, int dxOff, boolean accumulate) {
        pool(PoolJob.MAX_BACKWARD, n, h, w, c, ph, pw, sh, sw, padTop, padLeft, oh, ow, x, xOff, y, yOff, dy, dyOff, dx, dxOff,
                accumulate);
    }

    @Override
    public void avgPool2d(int n, int h, int w, int c, int ph, int pw, int sh, int sw, int padTop, int padLeft, int oh,
                          int ow, float[] x, int xOff, float[] y, int yOff) {
        pool(PoolJob.AVG, n, h, w, c, ph, pw, sh, sw, padTop, padLeft, oh, ow, x, xOff, y, yOff, null, 0, null, 0, false);
    }

    @Override
    public void avgPool2dBackward(int n, int h, int w, int c, int ph, int pw, int sh, int sw, int padTop, int padLeft,
                                  int oh, int ow, float[] dy, int dyOff, float[] dx, int dxOff, boolean accumulate) {
        pool(PoolJob.AVG_BACKWARD, n, h, w, c, ph, pw, sh, sw, padTop, padLeft, oh, ow, null, 0, null, 0, dy, dyOff, dx, dxOff,
                accumulate);
    }

    private void pool(int kind, int n, int h, int w, int c, int ph, int pw, int sh, int sw, int padTop, int padLeft, int oh,
                      int ow, float[] x, int xOff, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff,
                      boolean accumulate) {
        if (n < 2 || (long) n * h * w * c < PARALLEL_ELEMENTS || KernelPool.THREADS == 1) {
            PoolJob.run(kind, n, h, w, c, ph, pw, sh, sw, padTop, padLeft, oh, ow, x, xOff, y, yOff, dy, dyOff, dx, dxOff, accumulate);
            return;
        }
        synchronized (poolJob) {
            poolJob.set(kind, n, h, w, c, ph, pw, sh, sw, padTop, padLeft, oh, ow, x, xOff, y, yOff,
                    dy, dyOff, dx, dxOff, accumulate);
            KernelPool.run(poolJob, Math.min(KernelPool.THREADS, n));
            poolJob.clear();
        }
    }

    /** One pooling kernel over a range of samples: the parts of a batch split over KernelPool. */
    static final class PoolJob implements KernelPool.Parts {
        static final int MAX = 0, MAX_BACKWARD = 1, AVG = 2, AVG_BACKWARD = 3;
        private int kind, n, h, w, c, ph, pw, sh, sw, padTop, padLeft, oh, ow, xOff, yOff, dyOff, dxOff;
        private float[] x, y, dy, dx;
        private boolean accumulate;

        void set(int kind, int n, int h, int w, int c, int ph, int pw, int sh, int sw, int padTop, int padLeft,
                 int oh, int ow, float[] x, int xOff, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff,
                 boolean accumulate) {
            this.accumulate = accumulate;
            this.kind = kind; this.n = n; this.h = h; this.w = w; this.c = c; this.ph = ph; this.pw = pw; this.sh = sh;
            this.sw = sw; this.padTop = padTop; this.padLeft = padLeft; this.oh = oh; this.ow = ow;
            this.x = x; this.xOff = xOff; this.y = y; this.yOff = yOff;
            this.dy = dy; this.dyOff = dyOff; this.dx = dx; this.dxOff = dxOff;
        }

        void clear() {
            x = y = dy = dx = null;
        }

        @Override
        public void run(int part, int parts) {
            int lo = (int) ((long) n * part / parts), hi = (int) ((long) n * (part + 1) / parts);
            int in = lo * h * w * c, out = lo * oh * ow * c;
            run(kind, hi - lo, h, w, c, ph, pw, sh, sw, padTop, padLeft, oh, ow, x, xOff + in, y, yOff + out, dy, dyOff + out, dx,
                    dxOff + in, accumulate);
        }

        static void run(int kind, int n, int h, int w, int c, int ph, int pw, int sh, int sw, int padTop, int padLeft, int oh,
                        int ow, float[] x, int xOff, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff,
                        boolean accumulate) {
            if (n == 0) return;
            switch (kind) {
                case MAX:
                    maxPool2dSerial(n, h, w, c, ph, pw, sh, sw, padTop, padLeft, oh, ow, x, xOff, y, yOff);
                    break;
                case MAX_BACKWARD:
                    maxPool2dBackwardSerial(n, h, w, c, ph, pw, sh, sw, padTop, padLeft, oh, ow, x, xOff, y, yOff, dy, dyOff,
                            dx, dxOff, accumulate);
                    break;
                case AVG:
                    avgPool2dSerial(n, h, w, c, ph, pw, sh, sw, padTop, padLeft, oh, ow, x, xOff, y, yOff);
                    break;
                default:
                    avgPool2dBackwardSerial(n, h, w, c, ph, pw, sh, sw, padTop, padLeft, oh, ow, dy, dyOff, dx, dxOff, accumulate);
            }
        }
    }


    private static void maxPool2dSerial(int n, int h, int w, int c, int ph, int pw, int sh, int sw, int padTop,
            int padLeft, int oh, int ow, float[] x, int xOff, float[] y, int yOff) {
        if (c < L) {
            SCALAR.maxPool2d(n, h, w, c, ph, pw, sh, sw, padTop, padLeft, oh, ow, x, xOff, y, yOff);
            return;
        }
        if (ph == 2 && pw == 2 && sh == 2 && sw == 2 && padTop == 0 && padLeft == 0 && 2 * oh <= h && 2 * ow <= w && c % L == 0) {
            maxPool2d2x2(n, h, w, c, oh, ow, x, xOff, y, yOff);
            return;
        }
        // y is the accumulator: the window's first cell copied, then max-ed with each other cell,
        // a contiguous run of c channels at a time (max is exact: any order gives the same bits)
        for (int s = 0; s < n; s++) {
            int xs = xOff + s * h * w * c;
            for (int i = 0; i < oh; i++) {
                int r0 = Math.max(i * sh - padTop, 0), r1 = Math.min(i * sh - padTop + ph, h);
                for (int j = 0; j < ow; j++) {
                    int c0 = Math.max(j * sw - padLeft, 0), c1 = Math.min(j * sw - padLeft + pw, w);
                    int yo = yOff + ((s * oh + i) * ow + j) * c;
                    System.arraycopy(x, xs + (r0 * w + c0) * c, y, yo, c);
                    for (int r = r0; r < r1; r++) {
                        for (int q = r == r0 ? c0 + 1 : c0; q < c1; q++) maxInto(x, xs + (r * w + q) * c, y, yo, c);
                    }
                }
            }
        }
    }

    /**
     * 2x2 windows, strides 2, no padding (the convnets' MaxPooling2D()): each output vector the
     * max of the window's four, from registers (max is exact: the same bits as any order).
     */
    private static void maxPool2d2x2(int n, int h, int w, int c, int oh, int ow, float[] x, int xOff, float[] y, int yOff) {
        int down = w * c;
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int yo = yOff + ((s * oh + i) * ow + j) * c, at = xOff + ((s * h + 2 * i) * w + 2 * j) * c;
                    for (int ch = 0; ch < c; ch += L) {
                        int a0 = at + ch, a2 = a0 + down;
                        FloatVector top = FloatVector.fromArray(S, x, a0).max(FloatVector.fromArray(S, x, a0 + c));
                        FloatVector bottom = FloatVector.fromArray(S, x, a2).max(FloatVector.fromArray(S, x, a2 + c));
                        top.max(bottom).intoArray(y, yo + ch);
                    }
                }
            }
        }
    }

    /** y[yo..yo+c) = max(y, x[xo..xo+c)). */
    private static void maxInto(float[] x, int xo, float[] y, int yo, int c) {
        int ch = 0;
        for (; ch <= c - L; ch += L) FloatVector.fromArray(S, x, xo + ch).max(FloatVector.fromArray(S, y, yo + ch)).intoArray(y, yo + ch);
        for (; ch < c; ch++) y[yo + ch] = Math.max(y[yo + ch], x[xo + ch]);
    }

    private static void maxPool2dBackwardSerial(int n, int h, int w, int c, int ph, int pw, int sh, int sw,
            int padTop, int padLeft, int oh, int ow, float[] x, int xOff, float[] y, int yOff, float[] dy, int dyOff,
            float[] dx, int dxOff, boolean accumulate) {
        if (c < L) {
            SCALAR.maxPool2dBackward(n, h, w, c, ph, pw, sh, sw, padTop, padLeft, oh, ow, x, xOff, y, yOff, dy, dyOff, dx, dxOff,
                    accumulate);
            return;
        }
        if (!accumulate && ph == 2 && pw == 2 && sh == 2 && sw == 2 && padTop == 0 && padLeft == 0 && 2 * oh == h && 2 * ow == w
                && c % L == 0) {
            maxPool2dBackward2x2(n, h, w, c, oh, ow, x, xOff, y, yOff, dy, dyOff, dx, dxOff);
            return;
        }
        float[] g = routeScratch(c);
        for (int s = 0; s < n; s++) {
            int xs = s * h * w * c;
            // overwriting: zero one sample at a time, so the routing finds it in cache (not a pass over the batch)
            if (!accumulate) java.util.Arrays.fill(dx, dxOff + xs, dxOff + xs + h * w * c, 0f);
            for (int i = 0; i < oh; i++) {
                int r0 = Math.max(i * sh - padTop, 0), r1 = Math.min(i * sh - padTop + ph, h);
                for (int j = 0; j < ow; j++) {
                    int c0 = Math.max(j * sw - padLeft, 0), c1 = Math.min(j * sw - padLeft + pw, w);
                    int yo = ((s * oh + i) * ow + j) * c;
                    System.arraycopy(dy, dyOff + yo, g, 0, c);
                    for (int r = r0; r < r1; r++) {
                        for (int q = c0; q < c1; q++) {
                            int at = xs + (r * w + q) * c;
                            route(x, xOff + at, y, yOff + yo, g, dx, dxOff + at, c);
                        }
                    }
                }
            }
        }
    }

    /**
     * 2x2 windows that tile the input exactly (strides 2, no padding, no cell left over: 26x26):
     * every cell of dx is written once, L channels at a time, in straight-line code (a vector
     * carried from one loop iteration to the next boxed on JDK 17): the window's gradient goes to
     * its first cell (row-major) that equals the max, 0 to the others, as {@link #route} leaves
     * them, without zeroing dx first or reading it back.
     */
    private static void maxPool2dBackward2x2(int n, int h, int w, int c, int oh, int ow, float[] x, int xOff, float[] y,
            int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        FloatVector zero = FloatVector.zero(S);
        int down = w * c;
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int yo = ((s * oh + i) * ow + j) * c, at = ((s * h + 2 * i) * w + 2 * j) * c;
                    for (int ch = 0; ch < c; ch += L) {
                        FloatVector g0 = FloatVector.fromArray(S, dy, dyOff + yo + ch);
                        FloatVector m = FloatVector.fromArray(S, y, yOff + yo + ch);
                        int a0 = at + ch, a1 = a0 + c, a2 = a0 + down, a3 = a2 + c;
                        VectorMask<Float> e0 = FloatVector.fromArray(S, x, xOff + a0).compare(VectorOperators.EQ, m);
                        zero.blend(g0, e0).intoArray(dx, dxOff + a0);
                        FloatVector g1 = g0.blend(zero, e0);
                        VectorMask<Float> e1 = FloatVector.fromArray(S, x, xOff + a1).compare(VectorOperators.EQ, m);
                        zero.blend(g1, e1).intoArray(dx, dxOff + a1);
                        FloatVector g2 = g1.blend(zero, e1);
                        VectorMask<Float> e2 = FloatVector.fromArray(S, x, xOff + a2).compare(VectorOperators.EQ, m);
                        zero.blend(g2, e2).intoArray(dx, dxOff + a2);
                        FloatVector g3 = g2.blend(zero, e2);
                        VectorMask<Float> e3 = FloatVector.fromArray(S, x, xOff + a3).compare(VectorOperators.EQ, m);
                        zero.blend(g3, e3).intoArray(dx, dxOff + a3);
                    }
                }
            }
        }
    }

    /** Per thread: the gradient of one window still to route, a channel each (grows, never shrinks). */
    private static final ThreadLocal<float[][]> ROUTE = ThreadLocal.withInitial(() -> new float[][] {new float[0]});

    private static float[] routeScratch(int c) {
        float[][] holder = ROUTE.get();
        if (holder[0].length < c) holder[0] = new float[c];
        return holder[0];
    }

    /**
     * One cell of a window, c channels: where x equals the window's max y, the gradient still held
     * in g moves to dx and g becomes 0 there, so only the first such cell (row-major) receives it,
     * as the scalar search routes it; where not, dx is left as it is.
     */
    private static void route(float[] x, int xo, float[] y, int yo, float[] g, float[] dx, int dxo, int c) {
        int ch = 0;
        for (; ch <= c - L; ch += L) {
            VectorMask<Float> eq = FloatVector.fromArray(S, x, xo + ch).compare(VectorOperators.EQ, FloatVector.fromArray(S, y, yo + ch));
            FloatVector gv = FloatVector.fromArray(S, g, ch);
            FloatVector.fromArray(S, dx, dxo + ch).add(gv, eq).intoArray(dx, dxo + ch);
            FloatVector.zero(S).blend(gv, eq.not()).intoArray(g, ch);
        }
        for (; ch < c; ch++) {
            if (x[xo + ch] == y[yo + ch]) {
                dx[dxo + ch] += g[ch];
                g[ch] = 0;
            }
        }
    }

    private static void avgPool2dSerial(int n, int h, int w, int c, int ph, int pw, int sh, int sw, int padTop,
            int padLeft, int oh, int ow, float[] x, int xOff, float[] y, int yOff) {
        if (c < L) {
            SCALAR.avgPool2d(n, h, w, c, ph, pw, sh, sw, padTop, padLeft, oh, ow, x, xOff, y, yOff);
            return;
        }
        // y is the accumulator, cells added in the scalar kernel's order (0 + first cell, then the
        // others row-major), then divided: the same bits
        for (int s = 0; s < n; s++) {
            int xs = xOff + s * h * w * c;
            for (int i = 0; i < oh; i++) {
                int r0 = Math.max(i * sh - padTop, 0), r1 = Math.min(i * sh - padTop + ph, h);
                for (int j = 0; j < ow; j++) {
                    int c0 = Math.max(j * sw - padLeft, 0), c1 = Math.min(j * sw - padLeft + pw, w);
                    int yo = yOff + ((s * oh + i) * ow + j) * c;
                    java.util.Arrays.fill(y, yo, yo + c, 0f);
                    for (int r = r0; r < r1; r++) {
                        for (int q = c0; q < c1; q++) addInto(x, xs + (r * w + q) * c, y, yo, c);
                    }
                    divide(y, yo, c, (r1 - r0) * (c1 - c0));
                }
            }
        }
    }

    /** y[yo..yo+c) += x[xo..xo+c). */
    private static void addInto(float[] x, int xo, float[] y, int yo, int c) {
        int ch = 0;
        for (; ch <= c - L; ch += L) FloatVector.fromArray(S, x, xo + ch).add(FloatVector.fromArray(S, y, yo + ch)).intoArray(y, yo + ch);
        for (; ch < c; ch++) y[yo + ch] += x[xo + ch];
    }

    /** y[yo..yo+c) /= count. */
    private static void divide(float[] y, int yo, int c, float count) {
        int ch = 0;
        for (; ch <= c - L; ch += L) FloatVector.fromArray(S, y, yo + ch).div(count).intoArray(y, yo + ch);
        for (; ch < c; ch++) y[yo + ch] /= count;
    }

    private static void avgPool2dBackwardSerial(int n, int h, int w, int c, int ph, int pw, int sh, int sw,
            int padTop, int padLeft, int oh, int ow, float[] dy, int dyOff, float[] dx, int dxOff, boolean accumulate) {
        if (c < L) {
            SCALAR.avgPool2dBackward(n, h, w, c, ph, pw, sh, sw, padTop, padLeft, oh, ow, dy, dyOff, dx, dxOff, accumulate);
            return;
        }
        int vc = c - c % L;
        for (int s = 0; s < n; s++) {
            int xs = dxOff + s * h * w * c;
            if (!accumulate) java.util.Arrays.fill(dx, xs, xs + h * w * c, 0f);
            for (int i = 0; i < oh; i++) {
                int r0 = Math.max(i * sh - padTop, 0), r1 = Math.min(i * sh - padTop + ph, h);
                for (int j = 0; j < ow; j++) {
                    int c0 = Math.max(j * sw - padLeft, 0), c1 = Math.min(j * sw - padLeft + pw, w);
                    int yo = dyOff + ((s * oh + i) * ow + j) * c;
                    float count = (r1 - r0) * (c1 - c0);
                    for (int r = r0; r < r1; r++) {
                        for (int q = c0; q < c1; q++) {
                            int xo = xs + (r * w + q) * c;
                            int ch = 0;
                            for (; ch < vc; ch += L) {
                                FloatVector g = FloatVector.fromArray(S, dy, yo + ch).div(count);
                                g.add(FloatVector.fromArray(S, dx, xo + ch)).intoArray(dx, xo + ch);
                            }
                            for (; ch < c; ch++) dx[xo + ch] += dy[yo + ch] / count;
                        }
                    }
                }
            }
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
            if (gather && whole && row < L && s.padTop == 0 && s.padLeft == 0 && (s.oh - 1) * s.sh + (s.kh - 1) * s.dh < s.h
                    && (s.ow - 1) * s.sw + s.kw - 1 < s.w) { // every window inside the image
                shortRuns(s, xs, q, row);
                return;
            }
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

        /**
         * im2col of a "valid" convolution whose window rows are shorter than a vector (one input
         * channel: 3 values), a window row per inner iteration with nothing else in the loop (one
         * call and three bounds tests per 3 values made the first layer's im2col as slow as its
         * GEMM). The caller has checked that every window lies inside the image.
         */
        private void shortRuns(ConvShape s, int xs, int q, int row) {
            float[] x = this.x, cols = this.cols;
            int rowStep = s.w * s.c, patch = s.patch();
            for (int oy = 0; oy < s.oh; oy++) {
                for (int ky = 0; ky < s.kh; ky++) {
                    int src = xs + (oy * s.sh + ky * s.dh) * rowStep, dst = q + oy * s.ow * patch + ky * row;
                    for (int ox = 0; ox < s.ow; ox++, src += s.sw * s.c, dst += patch) {
                        for (int j = 0; j < row; j++) cols[dst + j] = x[src + j];
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
