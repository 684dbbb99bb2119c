package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keras4j.NDArray;
import io.keras4j.metrics.Metric;
import io.keras4j.metrics.Metrics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import java.util.Arrays;
import java.util.List;

/**
 * What training steps allocate once warmed up, for the allocation tests: the step (gather, forward,
 * metrics, backward, update) must allocate nothing after the first batches.
 */
final class StepAllocation {
    private StepAllocation() {}

    private static com.sun.management.ThreadMXBean bean() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled());
        return bean;
    }

    /** Epochs of {@code model}'s training steps over {@code (x, y)} in batches, with "accuracy" as the metric. */
    static void assertNone(Sequential model, NDArray x, NDArray y, int batch) {
        assertNone(model, x, y, batch, null);
    }

    /** As {@link #assertNone(Sequential, NDArray, NDArray, int)} with these metrics (null: "accuracy"). */
    static void assertNone(Sequential model, NDArray x, NDArray y, int batch, List<Metric> metrics) {
        bean();
        Executable e = trainPlan(model, x, y, batch);
        List<Metric> ms = metrics != null ? metrics : List.of(Metrics.get("accuracy", y.shape(), e.pred.shape()));
        Trainer t = new Trainer(model);
        float[] xs = x.toFloatArray(), ys = y.toFloatArray();
        int n = x.shape()[0], xRow = xs.length / n, yRow = ys.length / n;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = n - 1 - i;
        assertNone(() -> {
            for (int s = 0; s < n; s += batch) t.trainStep(e, xs, ys, xRow, yRow, order, s, Math.min(batch, n - s), ms);
        });
    }

    /** The model built for {@code x} and its training plan for batches of {@code batch}. */
    static Executable trainPlan(Sequential model, NDArray x, NDArray y, int batch) {
        model.ensureBuilt(Arrays.copyOfRange(x.shape(), 1, x.ndim()));
        return model.executable(Executable.Mode.TRAIN, batch, Arrays.copyOfRange(y.shape(), 1, y.ndim()));
    }

    /** Epochs per measured window. */
    static final int WINDOW = 20;
    /**
     * The most windows the warm-up runs before a step's allocation counts as real: 2,000 windows
     * (40,000 epochs). The bound counts epochs, not seconds (it was 60 windows and at least 30 s):
     * a loaded machine slows the compiler threads and this thread alike, and a deadline passed on a
     * loaded machine before C2 had compiled the step. Passing runs of the allocation tests reach 0
     * within 1-80 windows; a step that allocates by design never does and fails here
     * (StepAllocationTest). A failure not ended by warming up: in 3 of the first 10 runs of the five
     * allocation classes in one JVM (2026-12-04, JDK 17.0.15, 512-bit vectors, load 4.8-16), none of
     * 16 after (load 3.6-5, 12 of them with JFR or -XX:+PrintCompilation), a step kept allocating
     * the same bytes every window, through 30,000 windows (44 s) in one run, in JIT-compiled
     * kernels (WeightedStepAllocationTest 67,200 bytes: float[] in VectorKernels.AdamJob.run and
     * Gemm.kernel; RecurrentAllocationFreeTest 1,774,080: Int512Vector and int[] in
     * VectorMath.tanh): code compiled with its vectors boxed. The failure message names such frames
     * (a JFR recording of 200 more windows).
     */
    static final int MAX_WINDOWS = 2_000;

    /**
     * Runs {@code epoch} in windows of {@link #WINDOW} until a window allocates nothing (the step is
     * warmed up: interpreted and C1-compiled code box vectors that C2's escape analysis removes),
     * and fails if none of {@link #MAX_WINDOWS} does, naming where the steps allocate (a JFR
     * recording of more windows). Not bounded by time. Returns the windows run.
     * {@code -Dkeras4j.allocationTrace=true} prints the bytes of windows 1, 2, 4, 8, ... and the count.
     */
    static int assertNone(Runnable epoch) {
        var bean = bean();
        boolean trace = Boolean.getBoolean("keras4j.allocationTrace");
        long overhead = bean.getCurrentThreadAllocatedBytes();
        overhead = bean.getCurrentThreadAllocatedBytes() - overhead;
        long used = -1, first = -1;
        int windows = 0;
        long start = System.nanoTime();
        while (used != 0 && windows < MAX_WINDOWS) {
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < WINDOW; i++) epoch.run();
            used = bean.getCurrentThreadAllocatedBytes() - before - overhead;
            if (windows++ == 0) first = used;
            if (trace && Integer.bitCount(windows) == 1) System.out.println("  window " + windows + ": " + used + " bytes");
        }
        if (trace)
            System.out.printf("StepAllocation: %d windows of %d epochs (%.1f s), first %d bytes, last %d%n",
                    windows, WINDOW, (System.nanoTime() - start) / 1e9, first, used);
        if (used != 0)
            assertEquals(0, used, "bytes allocated by " + WINDOW + " epochs of training steps after " + windows
                    + " windows of warm-up (the first window: " + first + " bytes); allocated at: " + allocationSites(epoch));
        return windows;
    }

    /** The classes and frames (type, then the first three frames outside the JDK) of what {@code epoch} allocates, most sampled first. */
    private static String allocationSites(Runnable epoch) {
        try {
            Path file = Files.createTempFile("step-allocation", ".jfr");
            try (Recording r = new Recording()) {
                for (String event : new String[] {"jdk.ObjectAllocationInNewTLAB", "jdk.ObjectAllocationOutsideTLAB"})
                    r.enable(event).withStackTrace();
                r.start();
                for (int i = 0; i < 200 * WINDOW; i++) epoch.run();
                r.stop();
                r.dump(file);
            }
            Map<String, Integer> sites = new HashMap<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (e.getThread() == null || e.getThread().getJavaThreadId() != Thread.currentThread().getId()) continue;
                StringBuilder site = new StringBuilder(e.getClass("objectClass").getName());
                int shown = 0;
                for (RecordedFrame f : e.getStackTrace() == null ? List.<RecordedFrame>of() : e.getStackTrace().getFrames()) {
                    String type = f.getMethod().getType().getName();
                    if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("io.keras4j.models.StepAllocation")) continue;
                    site.append(" < ").append(type.substring(type.lastIndexOf('.') + 1)).append('.').append(f.getMethod().getName())
                            .append(":").append(f.getLineNumber()).append(" (").append(f.getType()).append(")");
                    if (++shown == 3) break;
                }
                sites.merge(site.toString(), 1, Integer::sum);
            }
            Files.deleteIfExists(file);
            if (sites.isEmpty()) return "(no allocation sampled in 200 more windows)";
            return sites.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(5)
                    .map(en -> en.getValue() + "x " + en.getKey()).collect(Collectors.joining("; "));
        } catch (IOException | RuntimeException e) {
            return "(no JFR recording: " + e + ")";
        }
    }
}
