package io.keras4j.bench.jmh;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * One {@link GemmShape}'s numbers in native memory and OpenBLAS's {@code cblas_sgemm} on them:
 * row-major, {@code CblasTrans} on B for NT and on A for TN, beta = 0 as keras4j's
 * {@code accumulate=false}. The operands are {@link FloatPointer}s filled once, so no call copies
 * a Java array; the first call's result is checked against a double-precision product. Shared by
 * {@link OpenBlasGemmBench} and {@code GemmVersus}; compiled only with the {@code peers} profile.
 */
public final class OpenBlasGemm implements AutoCloseable {
    private final GemmShape g;
    private final FloatPointer a, b, c;
    private final int transA, transB, lda, ldb;

    public OpenBlasGemm(GemmShape g) {
        this.g = g;
        float[] ha = g.newA(), hb = g.newB();
        a = new FloatPointer(ha);
        b = new FloatPointer(hb);
        c = new FloatPointer((long) g.m * g.n);
        transA = g.layout.equals("TN") ? CblasTrans : CblasNoTrans;
        transB = g.layout.equals("NT") ? CblasTrans : CblasNoTrans;
        lda = g.layout.equals("TN") ? g.m : g.k; // A is stored (k,m) for TN, else (m,k)
        ldb = g.layout.equals("NT") ? g.k : g.n; // B is stored (n,k) for NT, else (k,n)
        call();
        float[] hc = new float[g.m * g.n];
        c.get(hc);
        g.check(ha, hb, hc, "OpenBLAS");
    }

    /** One C = op(A)·op(B). */
    public void call() {
        openblas.cblas_sgemm(CblasRowMajor, transA, transB, g.m, g.n, g.k, 1f, a, lda, b, ldb, 0f, c, g.n);
    }

    @Override
    public void close() {
        a.close();
        b.close();
        c.close();
    }
}
