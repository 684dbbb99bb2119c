package io.keras4j.bench.jmh;

import io.keras4j.NDArray;
import io.keras4j.engine.kernels.KernelsProvider;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.utils.Utils;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of the MNIST-shaped MLP of {@code EndToEnd mlp}: 784-512-512-10 (relu, relu,
 * softmax), Adam, batch 128, {@code sparse_categorical_crossentropy}, on synthetic data.
 *
 * <p>The public API has no single-step entry point ({@code train_on_batch}), and this benchmark
 * does not reach into the engine: each invocation is {@code fit} for one epoch over
 * {@value #STEPS} batches of 128 (shuffled, as {@code fit} does by default), and JMH divides by
 * {@value #STEPS} ({@link OperationsPerInvocation}), so the score is ms per step, including
 * {@code fit}'s per-call set-up spread over those steps. The model is built and compiled once; its
 * weights keep training across invocations, as they would over an epoch.
 *
 * <p>Threads, as for {@link GemmBench}: {@code -jvmArgsAppend -Dkeras4j.threads=N};
 * {@code -Dkeras4j.kernels=scalar} times the scalar reference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public class StepBench {

    /** Batches per {@code fit} call. */
    static final int STEPS = 16;
    static final int BATCH = 128;

    private Sequential model;
    private NDArray x, y;
    private FitOptions oneEpoch;

    @Setup(Level.Trial)
    public void setUp() {
        Utils.setRandomSeed(0);
        int n = STEPS * BATCH;
        float[] xs = new float[n * 784];
        SplittableRandom rnd = new SplittableRandom(0);
        for (int i = 0; i < xs.length; i++) xs[i] = (float) rnd.nextDouble();
        float[] ys = new float[n];
        for (int i = 0; i < n; i++) ys[i] = rnd.nextInt(10);
        x = NDArray.of(xs, n, 784);
        y = NDArray.of(ys, n);
        model = new Sequential();
        model.add(new Dense(512, "relu").inputDim(784));
        model.add(new Dense(512, "relu"));
        model.add(new Dense(10, "softmax"));
        model.compile(new Adam(), "sparse_categorical_crossentropy");
        oneEpoch = new FitOptions().epochs(1).batchSize(BATCH).verbose(0);
        System.out.println("# kernels: " + KernelsProvider.get().name());
    }

    /** {@value #STEPS} training steps (one {@code fit} epoch); the score is per step. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Object fitSteps() {
        return model.fit(x, y, oneEpoch);
    }
}
