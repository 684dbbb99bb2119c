package io.keras4j.bench;

import io.keras4j.engine.kernels.Kernels;
import io.keras4j.engine.kernels.KernelsProvider;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The five GEMMs of the MNIST convnet's two convolutions at batch 128 (see {@link ConvStep}), and
 * the second one's kernel gradient transposed (64x15488x288 TN: {@code Conv} computed it so until
 * the direct form, 288x15488x64 TN, measured faster), each
 * timed alone, in turns, so that a shape that does not scale over the kernel threads shows
 * ({@code -Dkeras4j.threads=1} against the default). Prints the median wall-clock milliseconds of
 * {@code reps} repetitions of {@code steps} calls per shape; with {@code cpu}, the calling thread's
 * CPU time (with {@code -Dkeras4j.threads=1}: the one figure other jobs' load does not inflate).
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... io.keras4j.bench.ConvGemms [reps=7] [steps=10] [cpu]
 * </pre>
 */
public final class ConvGemms {
    private static boolean cpu;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private ConvGemms() {}

    private static long now() {
        return cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    public static void main(String[] args) {
        int reps = 7, steps = 10;
        for (String a : args) {
            if (a.startsWith("reps=")) reps = Integer.parseInt(a.substring(5));
            else if (a.startsWith("steps=")) steps = Integer.parseInt(a.substring(6));
            else if (a.equals("cpu")) cpu = true;
        }
        Kernels k = KernelsProvider.get();
        System.out.println("kernels: " + k.name() + (cpu ? ", CPU time of the calling thread" : ", wall-clock"));
        int b = ConvStep.B, m1 = b * 26 * 26, m2 = b * 11 * 11;
        float[] a1 = rand(m1 * 9), w1 = rand(9 * 32), y1 = rand(m1 * 32), dw1 = new float[9 * 32];
        float[] a2 = rand(m2 * 288), w2 = rand(288 * 64), y2 = rand(m2 * 64), dw2 = new float[288 * 64];
        float[] dc2 = new float[m2 * 288];
        String[] names = {m1 + "x9x32 NN", "9x" + m1 + "x32 TN", m2 + "x288x64 NN", "288x" + m2 + "x64 TN",
            m2 + "x64x288 NT", "64x" + m2 + "x288 TN"};
        Runnable[] shapes = {
            () -> k.gemm(m1, 32, 9, a1, 0, w1, 0, y1, 0, false),
            () -> k.gemmTN(9, 32, m1, a1, 0, y1, 0, dw1, 0, false),
            () -> k.gemm(m2, 64, 288, a2, 0, w2, 0, y2, 0, false),
            () -> k.gemmTN(288, 64, m2, a2, 0, y2, 0, dw2, 0, false),
            () -> k.gemmNT(m2, 288, 64, y2, 0, w2, 0, dc2, 0, false),
            () -> k.gemmTN(64, 288, m2, y2, 0, a2, 0, dw2, 0, false), // conv2's kernel gradient transposed
        };
        double[][] t = new double[shapes.length][reps];
        for (int w = 0; w < 3; w++) for (Runnable r : shapes) time(r, steps);
        for (int r = 0; r < reps; r++) for (int s = 0; s < shapes.length; s++) t[s][r] = time(shapes[s], steps);
        double total = 0;
        for (int s = 0; s < shapes.length; s++) {
            double med = median(t[s]);
            if (s < 5) total += med;
            double gflops = 2.0 * flops(s, m1, m2) / med / 1e6;
            System.out.printf(Locale.ROOT, "%-20s %7.2f ms  %6.1f GFLOP/s%n", names[s], med, gflops);
        }
        System.out.printf(Locale.ROOT, "%-20s %7.2f ms%n", "sum of the five", total);
    }

    private static double flops(int s, int m1, int m2) {
        return s < 2 ? 9.0 * 32 * m1 : 288.0 * 64 * m2;
    }

    private static double time(Runnable r, int n) {
        long t0 = now();
        for (int i = 0; i < n; i++) r.run();
        return (now() - t0) / 1e6 / n;
    }

    private static double median(double[] a) {
        double[] b = a.clone();
        Arrays.sort(b);
        return b[b.length / 2];
    }

    private static float[] rand(int n) {
        SplittableRandom r = new SplittableRandom(n);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (r.nextDouble() * 2 - 1);
        return a;
    }
}
