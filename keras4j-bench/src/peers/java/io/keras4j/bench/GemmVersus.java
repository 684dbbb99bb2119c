package io.keras4j.bench;

import io.keras4j.bench.jmh.GemmShape;
import io.keras4j.bench.jmh.OpenBlasGemm;
import io.keras4j.engine.kernels.Kernels;
import io.keras4j.engine.kernels.KernelsProvider;
import java.util.Arrays;
import java.util.Locale;
import org.bytedeco.openblas.global.openblas;

/**
 * keras4j's Vector API SGEMM against OpenBLAS's {@code cblas_sgemm} in one JVM, in alternating
 * turns: keras4j for a time slice, a pause, OpenBLAS for a time slice, a pause, and so on. On a
 * shared machine whose speed drifts by tens of percent within minutes, two benchmarks run one
 * after the other measure the drift as much as the libraries; turns a second apart see the same
 * machine. Prints one markdown row per shape and layout: the median GFLOP/s of each side's turns
 * and the median of the per-round ratios. Compiled only with the {@code peers} profile; run by
 * {@code gemm.sh}.
 *
 * <p>The pause (default 200 ms) outlasts both libraries' idle spinning (keras4j's workers spin 2
 * ms after a call, OpenBLAS's up to about 70 ms), so neither side's threads take cores from the
 * other's turn. Threads: {@code -Dkeras4j.threads=N} for keras4j (read once per JVM) and the same
 * N for OpenBLAS ({@code openblas_set_num_threads}).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Dkeras4j.threads=2 -cp ... io.keras4j.bench.GemmVersus \
 *   [rounds=9] [sliceMs=600] [pauseMs=200] 128x784x512:NN 128x784x512:NT 128x784x512:TN 1024x1024x1024:NN
 * </pre>
 */
public final class GemmVersus {

    private GemmVersus() {}

    public static void main(String[] args) {
        int rounds = 9, sliceMs = 600, pauseMs = 200;
        java.util.List<String> problems = new java.util.ArrayList<>();
        for (String a : args) {
            if (a.startsWith("rounds=")) rounds = Integer.parseInt(a.substring(7));
            else if (a.startsWith("sliceMs=")) sliceMs = Integer.parseInt(a.substring(8));
            else if (a.startsWith("pauseMs=")) pauseMs = Integer.parseInt(a.substring(8));
            else problems.add(a);
        }
        Kernels k = KernelsProvider.vectorOrNull();
        if (k == null) throw new IllegalStateException("the Vector API kernels did not load: run with --add-modules jdk.incubator.vector");
        int threads = Integer.getInteger("keras4j.threads", Runtime.getRuntime().availableProcessors());
        openblas.blas_set_num_threads(threads);
        String jdk = System.getProperty("java.version");
        for (String p : problems) {
            String[] sl = p.split(":");
            GemmShape g = new GemmShape(sl[0], sl[1]);
            Side ours = new Ours(k, g), peer = new Peer(g);
            // warm-up: both sides, each for a slice, twice
            for (int w = 0; w < 2; w++) {
                ours.callsIn(sliceMs);
                peer.callsIn(sliceMs);
            }
            double[] go = new double[rounds], gp = new double[rounds], ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                // alternate which side goes first, so neither always follows the other's pause
                boolean oursFirst = r % 2 == 0;
                double a = gflops(g, (oursFirst ? ours : peer), sliceMs, pauseMs);
                double b = gflops(g, (oursFirst ? peer : ours), sliceMs, pauseMs);
                go[r] = oursFirst ? a : b;
                gp[r] = oursFirst ? b : a;
                ratio[r] = go[r] / gp[r];
            }
            ours.close();
            peer.close();
            System.out.printf(Locale.ROOT, "| %s | %d | %dx%dx%d | %s | %.1f | %.1f | %.0f%% | %.0f-%.0f%% |%n", jdk, threads, g.m,
                    g.k, g.n, g.layout, median(go), median(gp), 100 * median(ratio), 100 * min(ratio), 100 * max(ratio));
        }
    }

    private static double gflops(GemmShape g, Side s, int sliceMs, int pauseMs) {
        sleep(pauseMs);
        long t0 = System.nanoTime();
        long calls = s.callsIn(sliceMs);
        return calls * g.flops() / (System.nanoTime() - t0);
    }

    private static void sleep(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static double median(double[] a) {
        double[] b = a.clone();
        Arrays.sort(b);
        return b.length % 2 == 1 ? b[b.length / 2] : 0.5 * (b[b.length / 2 - 1] + b[b.length / 2]);
    }

    private static double min(double[] a) {
        return Arrays.stream(a).min().orElse(Double.NaN);
    }

    private static double max(double[] a) {
        return Arrays.stream(a).max().orElse(Double.NaN);
    }

    /** One library's C = op(A)·op(B) on the problem's numbers. */
    private abstract static class Side {
        abstract void call();

        void close() {}

        /** Calls repeatedly for at least {@code ms} milliseconds; returns how many. */
        long callsIn(int ms) {
            long end = System.nanoTime() + ms * 1_000_000L, n = 0;
            do {
                call();
                n++;
            } while (System.nanoTime() < end);
            return n;
        }
    }

    private static final class Ours extends Side {
        private final Kernels k;
        private final GemmShape g;
        private final float[] a, b, c;

        Ours(Kernels k, GemmShape g) {
            this.k = k;
            this.g = g;
            a = g.newA();
            b = g.newB();
            c = new float[g.m * g.n];
            call();
            g.check(a, b, c, k.name());
        }

        @Override
        void call() {
            g.multiply(k, a, b, c);
        }
    }

    private static final class Peer extends Side {
        private final OpenBlasGemm gemm;

        Peer(GemmShape g) {
            gemm = new OpenBlasGemm(g);
        }

        @Override
        void call() {
            gemm.call();
        }

        @Override
        void close() {
            gemm.close();
        }
    }
}
