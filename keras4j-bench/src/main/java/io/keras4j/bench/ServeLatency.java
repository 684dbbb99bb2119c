package io.keras4j.bench;

import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Dropout;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.utils.Utils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;

/**
 * Issue 17's serving latency: Keras's MNIST MLP (784-512-512-10, ReLU, Dropout 0.2, softmax)
 * predicted by {@code callers} threads at once on one model, {@code batch} rows a call, for
 * {@code seconds} after {@code warm} seconds of calls on one thread and {@code warm} more of the concurrent calls. Prints p50 and p99 of every
 * call's latency and the calls and rows per second, as one RESULT line, in the form of DJL's
 * twin ({@code keras4j-bench/peers/djl/DjlServeLatency.java}); {@code serve_latency.sh} runs both
 * in turns. Inputs are uniform in [0, 1), as in the shared DJL program (no zeros to skip).
 * Usage: ServeLatency callers batch seconds warm
 */
public final class ServeLatency {
    private ServeLatency() {}

    public static void main(String[] args) throws Exception {
        int callers = Integer.parseInt(args[0]), batch = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]), warm = Double.parseDouble(args[3]);
        Utils.setRandomSeed(42);
        Sequential model = new Sequential();
        model.add(new Dense(512, "relu").inputShape(784));
        model.add(new Dropout(0.2));
        model.add(new Dense(512, "relu"));
        model.add(new Dropout(0.2));
        model.add(new Dense(10, "softmax"));
        model.compile(new Adam(), "categorical_crossentropy", "accuracy");
        // warm-up on one thread first: with 8 callers on 2 busy cores the JIT's compiler threads
        // get little time, and until C2 has compiled the kernels the Vector API runs interpreted,
        // about a thousand times slower (seen: 8 callers after 2 s of concurrent warm-up, p50 125 ms)
        NDArray probe = NDArray.zeros(batch, 784);
        for (long stop = System.nanoTime() + (long) (warm * 1e9); System.nanoTime() < stop; ) model.predict(probe);
        long[][] lat = new long[callers][];
        CyclicBarrier start = new CyclicBarrier(callers);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            int id = c;
            Thread t = new Thread(() -> {
                Random r = new Random(100 + id);
                NDArray[] xs = new NDArray[8];
                for (int j = 0; j < xs.length; j++) {
                    float[] x = new float[batch * 784];
                    for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
                    xs[j] = NDArray.of(x, batch, 784);
                }
                long[] l = new long[1 << 20];
                float sink = 0;
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                long t0 = System.nanoTime(), measureFrom = t0 + (long) (warm * 1e9), end = measureFrom + (long) (seconds * 1e9); // warm s unmeasured
                int n = 0;
                for (int i = 0; ; i++) {
                    long s = System.nanoTime();
                    if (s >= end && n > 0) break; // at least one measured call, however slow the warm-up
                    float[] out = model.predict(xs[i & 7]).toFloatArray();
                    long e = System.nanoTime();
                    sink += out[0];
                    if (s >= measureFrom && n < l.length) l[n++] = e - s;
                }
                lat[id] = Arrays.copyOf(l, n);
                if (sink == 12345.678f) System.out.print("");
            }, "caller-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();
        report("keras4j", callers, batch, lat, seconds);
    }

    /** p50/p99 over every call of every caller, and calls and rows per second over the measured window. */
    static void report(String system, int callers, int batch, long[][] lat, double seconds) {
        int total = 0;
        for (long[] l : lat) total += l.length;
        long[] all = new long[total];
        int k = 0;
        for (long[] l : lat) {
            System.arraycopy(l, 0, all, k, l.length);
            k += l.length;
        }
        Arrays.sort(all);
        double p50 = all[(int) (0.50 * (total - 1))] / 1e3, p99 = all[(int) (0.99 * (total - 1))] / 1e3;
        System.out.printf("RESULT %s callers=%d batch=%d calls=%d p50_us=%.1f p99_us=%.1f calls_per_s=%.0f rows_per_s=%.0f%n",
                system, callers, batch, total, p50, p99, total / seconds, total * (double) batch / seconds);
    }
}
