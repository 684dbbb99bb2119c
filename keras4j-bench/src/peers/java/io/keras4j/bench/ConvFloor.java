package io.keras4j.bench;

import io.keras4j.bench.jmh.GemmShape;
import io.keras4j.bench.jmh.OpenBlasGemm;
import io.keras4j.engine.kernels.Kernels;
import io.keras4j.engine.kernels.KernelsProvider;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.bytedeco.openblas.global.openblas;

/**
 * The GEMM floor of the MNIST convnet's convolutions at batch 128 ({@link ConvStep}'s five
 * shapes), on keras4j's SGEMM and on OpenBLAS, in alternating turns, one thread each, timed in
 * the calling thread's CPU time: on a machine shared with other jobs, wall-clock figures measure
 * the others' load as much as the libraries. Prints ms per call for each shape and the sums (the
 * floor of one forward+backward of both convolutions). Compiled only with the {@code peers}
 * profile.
 * <pre>
 * java --add-modules jdk.incubator.vector -Dkeras4j.threads=1 -cp ... io.keras4j.bench.ConvFloor [rounds=7] [calls=5]
 * java --add-modules jdk.incubator.vector -Dkeras4j.threads=2 -cp ... io.keras4j.bench.ConvFloor threads=2
 * </pre>
 * With {@code threads=2} (or more) both libraries run that many threads and the times are
 * wall-clock: the floor the whole training step on two cores is compared with.
 */
public final class ConvFloor {
    private static final String[] SHAPES = {
        "86528x9x32:NN", "9x86528x32:TN", "15488x288x64:NN", "288x15488x64:TN", "15488x64x288:NT",
    };
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static int threads = 1;

    private ConvFloor() {}

    public static void main(String[] args) {
        int rounds = 7, calls = 5;
        for (String a : args) {
            if (a.startsWith("threads=")) threads = Integer.parseInt(a.substring(8));
            else if (a.startsWith("rounds=")) rounds = Integer.parseInt(a.substring(7));
            else if (a.startsWith("calls=")) calls = Integer.parseInt(a.substring(6));
        }
        Kernels k = KernelsProvider.vectorOrNull();
        if (k == null) throw new IllegalStateException("run with --add-modules jdk.incubator.vector");
        int kt = Integer.getInteger("keras4j.threads", Runtime.getRuntime().availableProcessors());
        if (kt != threads) throw new IllegalStateException("keras4j runs " + kt + " threads: add -Dkeras4j.threads=" + threads);
        openblas.blas_set_num_threads(threads);
        System.out.println(threads == 1 ? "one thread each, CPU time of the calling thread" : threads + " threads each, wall-clock time");
        double sumOurs = 0, sumPeer = 0;
        System.out.println("| shape MxKxN | layout | keras4j ms | OpenBLAS ms | OpenBLAS / keras4j |");
        System.out.println("|---|---|---|---|---|");
        for (String p : SHAPES) {
            String[] sl = p.split(":");
            GemmShape g = new GemmShape(sl[0], sl[1]);
            float[] a = g.newA(), b = g.newB(), c = new float[g.m * g.n];
            try (OpenBlasGemm peer = new OpenBlasGemm(g)) {
                Runnable ours = () -> g.multiply(k, a, b, c);
                Runnable theirs = peer::call;
                for (int w = 0; w < 2; w++) {
                    ms(ours, calls);
                    ms(theirs, calls);
                }
                double[] to = new double[rounds], tp = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    to[r] = ms(ours, calls);
                    tp[r] = ms(theirs, calls);
                }
                double mo = median(to), mp = median(tp);
                sumOurs += mo;
                sumPeer += mp;
                System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f |%n", sl[0], sl[1], mo, mp, mp / mo);
            }
        }
        System.out.printf(Locale.ROOT, "| all five | | %.2f | %.2f | %.2f |%n", sumOurs, sumPeer, sumPeer / sumOurs);
    }

    private static double ms(Runnable r, int n) {
        if (threads > 1) { // both libraries' idle threads spin for a while: let the other's stop first
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long t0 = now();
        for (int i = 0; i < n; i++) r.run();
        return (now() - t0) / 1e6 / n;
    }

    private static long now() {
        return threads == 1 ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static double median(double[] a) {
        double[] b = a.clone();
        Arrays.sort(b);
        return b[b.length / 2];
    }
}
