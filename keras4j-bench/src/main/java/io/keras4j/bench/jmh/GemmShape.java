package io.keras4j.bench.jmh;

import io.keras4j.engine.kernels.Kernels;
import java.util.SplittableRandom;

/**
 * A GEMM problem as the JMH benchmarks name it: {@code "MxKxN"} (C (m,n) = A (m,k) · B (k,n)) and a
 * layout, {@code NN} (A·B), {@code NT} (A·Bᵀ, B stored (n,k)) or {@code TN} (Aᵀ·B, A stored (k,m)),
 * all row-major, as in {@link Kernels}. Shared by the keras4j and the
 * OpenBLAS benchmarks so both multiply the same numbers.
 */
public final class GemmShape {
    public final int m, k, n;
    public final String layout;

    public GemmShape(String shape, String layout) {
        String[] p = shape.toLowerCase().split("x");
        if (p.length != 3) throw new IllegalArgumentException("shape must be MxKxN, got " + shape);
        m = Integer.parseInt(p[0].trim());
        k = Integer.parseInt(p[1].trim());
        n = Integer.parseInt(p[2].trim());
        if (!layout.equals("NN") && !layout.equals("NT") && !layout.equals("TN"))
            throw new IllegalArgumentException("layout must be NN, NT or TN, got " + layout);
        this.layout = layout;
    }

    /** Floating-point operations of one call: 2·m·n·k. */
    public double flops() {
        return 2.0 * m * n * k;
    }

    /** A filled with uniform [-1, 1) values, in its layout's storage order. */
    public float[] newA() {
        return random(m * k, 1);
    }

    /** B filled with uniform [-1, 1) values, in its layout's storage order. */
    public float[] newB() {
        return random(k * n, 2);
    }

    private static float[] random(int len, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[len];
        for (int i = 0; i < len; i++) a[i] = (float) (r.nextDouble() * 2 - 1);
        return a;
    }

    /** C = op(A)·op(B) through keras4j's kernel for this layout (C overwritten). */
    public void multiply(Kernels kernels, float[] a, float[] b, float[] c) {
        switch (layout) {
            case "NN": kernels.gemm(m, n, k, a, 0, b, 0, c, 0, false); break;
            case "NT": kernels.gemmNT(m, n, k, a, 0, b, 0, c, 0, false); break;
            default: kernels.gemmTN(m, n, k, a, 0, b, 0, c, 0, false); break;
        }
    }

    /** A[i][p] of the logical (m,k) matrix, wherever the layout stores it. */
    public float a(float[] a, int i, int p) {
        return layout.equals("TN") ? a[p * m + i] : a[i * k + p];
    }

    /** B[p][j] of the logical (k,n) matrix, wherever the layout stores it. */
    public float b(float[] b, int p, int j) {
        return layout.equals("NT") ? b[j * k + p] : b[p * n + j];
    }

    /**
     * Checks a sample of C's entries against a double-precision dot product, so that a benchmark
     * that multiplies the wrong matrices (a layout or leading-dimension slip) fails in its setup
     * instead of reporting a speed.
     */
    public void check(float[] a, float[] b, float[] c, String who) {
        SplittableRandom r = new SplittableRandom(7);
        for (int s = 0; s < 64; s++) {
            int i = r.nextInt(m), j = r.nextInt(n);
            double want = 0, mag = 0;
            for (int p = 0; p < k; p++) {
                double t = (double) a(a, i, p) * b(b, p, j);
                want += t;
                mag += Math.abs(t);
            }
            double got = c[i * n + j];
            if (Math.abs(got - want) > 1e-5 * mag + 1e-6)
                throw new IllegalStateException(who + ": C[" + i + "][" + j + "] = " + got + ", expected " + want
                        + " (" + m + "x" + k + "x" + n + " " + layout + ")");
        }
    }
}
