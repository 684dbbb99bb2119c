package io.keras4j.engine.kernels.vector;

import io.keras4j.engine.kernels.Kernels;
import io.keras4j.engine.kernels.ScalarKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast kernels, on the JDK's Vector API: the only code that imports
 * {@code jdk.incubator.vector}, loaded reflectively by {@code KernelsProvider}.
 *
 * <p>SGEMM: every layout runs one register-blocked micro-kernel, 5 rows x 2 vectors of C held in
 * 10 accumulators (small enough that C2 on JDK 17 inlines and register-allocates all of it), with A read
 * through row and column strides so that {@code A^T} needs no copy; {@code B^T} is transposed
 * once per call into a per-thread scratch panel. Work is split by rows over {@link KernelPool}.
 * Shapes too small to pay for the set-up run the scalar loops.
 */
public final class VectorKernels implements Kernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Below this many multiply-adds a call runs single-threaded... */
    private static final long PARALLEL_WORK = 1L << 18;
    /** ...and below this many (or with fewer than L columns) it runs the scalar loops. */
    private static final long VECTOR_WORK = 1L << 12;

    private final ScalarKernels scalar = new ScalarKernels();
    private final GemmJob job = new GemmJob();
    private float[] transposed = new float[0];

    @Override
    public String name() {
        return "vector(" + S.vectorBitSize() + "-bit, " + L + " lanes, " + KernelPool.THREADS + " threads)";
    }

    // a (m,k) @ b (k,n) -> c (m,n)
    @Override
    public void gemm(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        if (small(m, n, k)) {
            scalar.gemm(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
            return;
        }
        run(m, n, k, a, aOff, k, 1, b, bOff, c, cOff, accumulate);
    }

    // a (m,k) @ b (n,k)^T -> c (m,n)
    @Override
    public void gemmNT(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        if (small(m, n, k)) {
            scalar.gemmNT(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
            return;
        }
        synchronized (this) {
            if (transposed.length < k * n) transposed = new float[k * n];
            float[] t = transposed;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * k;
                for (int p = 0; p < k; p++) t[p * n + j] = b[bj + p];
            }
            run(m, n, k, a, aOff, k, 1, t, 0, c, cOff, accumulate);
        }
    }

    // a (k,m)^T @ b (k,n) -> c (m,n)
    @Override
    public void gemmTN(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        if (small(m, n, k)) {
            scalar.gemmTN(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
            return;
        }
        run(m, n, k, a, aOff, 1, m, b, bOff, c, cOff, accumulate);
    }

    private static boolean small(int m, int n, int k) {
        return n < L || (long) m * n * k < VECTOR_WORK;
    }

    private void run(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff,
                     float[] c, int cOff, boolean accumulate) {
        synchronized (job) {
            job.set(m, n, k, a, aOff, ars, acs, b, bOff, c, cOff, accumulate);
            if ((long) m * n * k >= PARALLEL_WORK && m >= 8 && KernelPool.THREADS > 1) KernelPool.run(job, KernelPool.THREADS);
            else job.run(0, 1);
            job.clear();
        }
    }

    /** One GEMM call's arguments, split by rows (multiples of the micro-kernel's rows) into parts. */
    static final class GemmJob implements KernelPool.Parts {
        private static final int ROWS = Gemm.ROWS;
        int m, n, k, aOff, ars, acs, bOff, cOff;
        float[] a, b, c;
        boolean accumulate;

        void set(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, float[] c, int cOff, boolean acc) {
            this.m = m; this.n = n; this.k = k; this.a = a; this.aOff = aOff; this.ars = ars; this.acs = acs;
            this.b = b; this.bOff = bOff; this.c = c; this.cOff = cOff; this.accumulate = acc;
        }

        void clear() {
            a = b = c = null;
        }

        @Override
        public void run(int part, int parts) {
            int blocks = (m + ROWS - 1) / ROWS; // whole micro-kernel row blocks per part
            int from = Math.min(m, (int) ((long) blocks * part / parts) * ROWS);
            int to = Math.min(m, (int) ((long) blocks * (part + 1) / parts) * ROWS);
            Gemm.rows(from, to, n, k, a, aOff, ars, acs, b, bOff, n, c, cOff, accumulate);
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
            for (int i = 0; i < m; i++) s = s.add(FloatVector.fromArray(S, x, xOff + i * n + j));
            s.intoArray(out, oOff + j);
        }
        for (; j < n; j++) {
            float s = out[oOff + j];
            for (int i = 0; i < m; i++) s += x[xOff + i * n + j];
            out[oOff + j] = s;
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
            if (accumulate) g.add(FloatVector.fromArray(S, dx, dxOff + i)).intoArray(dx, dxOff + i); // no merged vector: see Gemm.store
            else g.intoArray(dx, dxOff + i);
        }
        for (; i < len; i++) {
            float g = y[yOff + i] > 0f ? dy[dyOff + i] : 0f;
            dx[dxOff + i] = accumulate ? dx[dxOff + i] + g : g;
        }
    }
}
