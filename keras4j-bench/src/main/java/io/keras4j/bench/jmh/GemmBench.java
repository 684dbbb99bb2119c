package io.keras4j.bench.jmh;

import io.keras4j.engine.kernels.Kernels;
import io.keras4j.engine.kernels.KernelsProvider;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * keras4j's SGEMM kernels ({@link Kernels#gemm}, {@link Kernels#gemmNT}, {@link Kernels#gemmTN})
 * on the shapes that matter to it. The score is calls per second; GFLOP/s = score · 2·m·n·k / 1e9
 * ({@link GemmTable} converts).
 *
 * <ul>
 *   <li>{@code 128x784x512}: the MNIST MLP's first layer (batch 128, 784 inputs, 512 units); its
 *       NT and TN layouts are that layer's two backward products.</li>
 *   <li>{@code 1024x1024x1024}: a square reference size, where peak throughput shows.</li>
 *   <li>{@code 100x2x4}: the seed XOR notebook's first layer (batch 100, 2 inputs, 4 units), where
 *       call overhead, not arithmetic, is what is measured.</li>
 * </ul>
 *
 * <p>{@code impl=vector} is the Vector API kernels (the fork runs with
 * {@code --add-modules jdk.incubator.vector}; setup fails if they cannot load, rather than
 * silently timing the scalar ones); {@code impl=scalar} is the scalar reference. <b>Assumption:</b>
 * the scalar reference is only benchmarked up to the MNIST shape; its 1024³ combination fails in
 * setup on purpose (JMH reports it as an error and goes on), since a multi-second reference
 * product tells nothing. Pass {@code -p impl=vector} or {@code -p shape=...} to leave it out.
 *
 * <p>Threads: the vector kernels read {@code -Dkeras4j.threads=N} once per JVM, so the thread count
 * is a fork JVM argument: {@code -jvmArgsAppend -Dkeras4j.threads=1}. The benchmark itself runs on
 * one JMH thread.
 *
 * <pre>
 * java -cp "$(cat keras4j-bench/target/classpath.txt):keras4j-bench/target/classes" org.openjdk.jmh.Main \
 *   'io.keras4j.bench.jmh.GemmBench' -p impl=vector -jvmArgsAppend -Dkeras4j.threads=1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class GemmBench extends GemmParams {

    @Param({"vector", "scalar"})
    public String impl;

    /** The largest m·n·k the scalar reference is benchmarked at (the MNIST layer's). */
    static final long SCALAR_MAX_MNK = 128L * 784 * 512;

    private Kernels kernels;
    private GemmShape g;
    private float[] a, b, c;

    @Setup(Level.Trial)
    public void setUp() {
        g = new GemmShape(shape, layout);
        switch (impl) {
            case "vector":
                kernels = KernelsProvider.vectorOrNull();
                if (kernels == null)
                    throw new IllegalStateException("the Vector API kernels did not load: run the fork with "
                            + "--add-modules jdk.incubator.vector");
                break;
            case "scalar":
                if ((long) g.m * g.n * g.k > SCALAR_MAX_MNK)
                    throw new IllegalStateException("skipped: the scalar reference is only benchmarked up to "
                            + "128x784x512 (use -p impl=vector for " + shape + ")");
                kernels = KernelsProvider.scalar();
                break;
            default:
                throw new IllegalArgumentException("impl must be vector or scalar, got " + impl);
        }
        a = g.newA();
        b = g.newB();
        c = new float[g.m * g.n];
        run();
        g.check(a, b, c, kernels.name());
        System.out.println("# kernels: " + kernels.name() + ", keras4j.threads="
                + System.getProperty("keras4j.threads", "(default: all " + Runtime.getRuntime().availableProcessors() + ")"));
    }

    private void run() {
        g.multiply(kernels, a, b, c);
    }

    /** One C = op(A)·op(B) call; C is read by the caller after the call, so nothing is dead code. */
    @Benchmark
    public float gemm() {
        run();
        return c[0];
    }
}
