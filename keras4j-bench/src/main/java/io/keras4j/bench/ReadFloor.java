package io.keras4j.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The least time any single-sample predict can take: reading every weight once, with nothing
 * else to do. Each of the machine's cores sums its share of the values in the widest vectors
 * (four independent sums, so the loads are the limit, not the adds), the helpers waiting on a
 * spin, as the kernel pool's do. A dense input (no zeros) makes a predict read every weight, so
 * its time cannot go below this one on the machine, whatever the kernels.
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... io.keras4j.bench.ReadFloor [floats]
 * </pre>
 */
final class ReadFloor {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private ReadFloor() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 669_706; // the 784-512-512-10 MLP's weights
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = i % 7;
        System.out.printf("RESULT read_floor_us %.2f floats %d%n", microseconds(a), n);
    }

    /** Median microseconds, over 20,000 reads after 20,000, of reading all of {@code a} once on every core. */
    static double microseconds(float[] a) {
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicInteger round = new AtomicInteger(), done = new AtomicInteger();
        float[] sinks = new float[threads];
        Thread[] helpers = new Thread[threads - 1];
        for (int h = 1; h < threads; h++) {
            int part = h;
            helpers[h - 1] = new Thread(() -> {
                for (int seen = 0; ; ) {
                    int r;
                    while ((r = round.get()) == seen) Thread.onSpinWait();
                    if (r < 0) return;
                    seen = r;
                    sinks[part] += sum(a, part, threads);
                    done.incrementAndGet();
                }
            });
            helpers[h - 1].setDaemon(true);
            helpers[h - 1].start();
        }
        double[] t = new double[20_000];
        try {
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < t.length; i++) {
                    long t0 = System.nanoTime();
                    int target = done.get() + threads - 1;
                    round.incrementAndGet();
                    sinks[0] += sum(a, 0, threads);
                    while (done.get() != target) Thread.onSpinWait();
                    t[i] = (System.nanoTime() - t0) / 1e3;
                }
            }
        } finally {
            round.set(-1);
        }
        if (Float.isNaN(sinks[0] + sinks[threads - 1])) System.out.println("(sums " + Arrays.toString(sinks) + ")");
        return EndToEnd.median(t);
    }

    /** Part {@code part} of {@code parts} of {@code a}, summed in whole groups of four vectors (the rest is not read). */
    private static float sum(float[] a, int part, int parts) {
        int step = 4 * S.length(), groups = a.length / step;
        int from = (int) ((long) groups * part / parts) * step, to = (int) ((long) groups * (part + 1) / parts) * step;
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        for (int i = from; i < to; i += step) {
            s0 = s0.add(FloatVector.fromArray(S, a, i));
            s1 = s1.add(FloatVector.fromArray(S, a, i + S.length()));
            s2 = s2.add(FloatVector.fromArray(S, a, i + 2 * S.length()));
            s3 = s3.add(FloatVector.fromArray(S, a, i + 3 * S.length()));
        }
        return s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
    }
}
