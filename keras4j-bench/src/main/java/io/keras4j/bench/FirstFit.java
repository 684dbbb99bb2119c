package io.keras4j.bench;

import io.keras4j.NDArray;
import io.keras4j.callbacks.Callback;
import io.keras4j.engine.kernels.KernelsProvider;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The seed notebook's {@code fit} (2-4-4-2, SGD with momentum and decay, 200 epochs of batch 100
 * over 10,000 points) in a fresh JVM: the first fit, which is the only one the notebook runs, and
 * then warm fits of new models in the same JVM. Prints {@code RESULT key value} lines:
 * {@code first_fit_s}, {@code warm_fit_s} (the median of the fits after the second), the same
 * as the main thread's CPU time ({@code first_fit_cpu_s}, {@code warm_fit_cpu_s}: the JIT's
 * compiler threads are not in it, and on a loaded machine it moves far less than the wall clock),
 * {@code first_fit_process_cpu_s} (the whole JVM's CPU time during the first fit, the JIT's included),
 * {@code start_to_first_fit_end_s} (from the JVM's start: what a user waits for in a fresh JVM),
 * the test accuracy of the first fit, and with {@code curve} the first fit's time at epochs
 * 1, 2, 5, 10, 20, 50, 100 and 200 (where the JIT's warm-up goes).
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... io.keras4j.bench.FirstFit [fits=5] [verbose=0] [curve]
 * </pre>
 * {@code keras4j-bench/scripts/first-fit.sh} runs it on JDK 17 and 25 in turns with PyTorch.
 */
public final class FirstFit {
    private static final int[] CURVE_EPOCHS = {1, 2, 5, 10, 20, 50, 100, 200};

    private FirstFit() {}

    public static void main(String[] args) {
        int fits = 5, verbose = 0;
        boolean curve = false;
        for (String a : args) {
            if (a.startsWith("fits=")) fits = Integer.parseInt(a.substring(5));
            else if (a.startsWith("verbose=")) verbose = Integer.parseInt(a.substring(8));
            else if (a.equals("curve")) curve = true;
            else throw new IllegalArgumentException("arguments: [fits=N] [verbose=0|1|2] [curve], got " + a);
        }
        if (fits < 3) throw new IllegalArgumentException("fits must be at least 3 (one first, one settling, one warm), got " + fits);
        // the main thread's CPU time as well: on a loaded machine it moves far less than the wall clock
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] secs = new double[fits], cpu = new double[fits];
        double firstProcessCpu = 0;
        double firstEnd = 0, acc = 0;
        List<String> curveAt = new ArrayList<>();
        for (int r = 0; r < fits; r++) {
            Utils.setRandomSeed(0);
            Sequential model = new Sequential();
            model.add(new Dense(4, "relu").inputDim(2));
            model.add(new Dense(4, "relu"));
            model.add(new Dense(2, "softmax"));
            model.compile(new SGD().decay(0.001).momentum(0.99), "binary_crossentropy", "accuracy");
            NDArray x = NDArray.randn(10000, 2), y = EndToEnd.xorLabels(x);
            FitOptions options = new FitOptions().epochs(200).batchSize(100).verbose(verbose);
            long c0 = threads.getCurrentThreadCpuTime(), p0 = processCpuNanos();
            long t0 = System.nanoTime();
            if (curve && r == 0) options.callbacks(curveTimer(t0, curveAt));
            model.fit(x, y, options);
            long t1 = System.nanoTime();
            secs[r] = (t1 - t0) / 1e9;
            cpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            if (r == 0) firstProcessCpu = (processCpuNanos() - p0) / 1e9;
            if (r == 0) {
                firstEnd = sinceJvmStart();
                NDArray xTest = NDArray.randn(5000, 2);
                NDArray p = model.predict(xTest, 32, 0).argmax(1), t = EndToEnd.xorLabels(xTest).argmax(1);
                int ok = 0;
                for (int i = 0; i < 5000; i++) if (p.get(i) == t.get(i)) ok++;
                acc = ok / 5000.0;
            }
        }
        System.out.println("RESULT kernels " + KernelsProvider.get().name().replace(' ', '_'));
        System.out.println("RESULT java " + Runtime.version());
        System.out.printf("RESULT first_fit_s %.3f%n", secs[0]);
        System.out.printf("RESULT warm_fit_s %.3f%n", EndToEnd.median(Arrays.copyOfRange(secs, 2, fits)));
        System.out.printf("RESULT first_fit_cpu_s %.3f%n", cpu[0]);
        System.out.printf("RESULT first_fit_process_cpu_s %.3f%n", firstProcessCpu);
        System.out.printf("RESULT warm_fit_cpu_s %.3f%n", EndToEnd.median(Arrays.copyOfRange(cpu, 2, fits)));
        System.out.printf("RESULT start_to_first_fit_end_s %.3f%n", firstEnd);
        System.out.printf("RESULT first_fit_test_acc %.4f%n", acc);
        StringBuilder all = new StringBuilder();
        for (double s : secs) all.append(String.format(" %.3f", s));
        System.out.println("RESULT fits_s" + all);
        if (curve) System.out.println("RESULT first_fit_curve" + String.join("", curveAt));
    }

    /** The first fit's elapsed seconds at the end of the epochs of {@link #CURVE_EPOCHS}. */
    private static Callback curveTimer(long t0, List<String> out) {
        return new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                if (Arrays.binarySearch(CURVE_EPOCHS, epoch + 1) >= 0) {
                    out.add(String.format(" e%d=%.3f", epoch + 1, (System.nanoTime() - t0) / 1e9));
                }
            }
        };
    }

    /** The CPU time of the whole JVM (the JIT's compiler threads and the garbage collector too). */
    private static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** Seconds since this JVM started, from the operating system's start time of the process. */
    private static double sinceJvmStart() {
        Instant start = ProcessHandle.current().info().startInstant().orElse(null);
        return start == null ? Double.NaN : Duration.between(start, Instant.now()).toNanos() / 1e9;
    }
}
