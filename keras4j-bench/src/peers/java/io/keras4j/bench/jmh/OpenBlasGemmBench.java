package io.keras4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.bytedeco.openblas.global.openblas;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The peer of {@link GemmBench}: the same shapes, layouts and numbers through OpenBLAS's
 * {@code cblas_sgemm} (JavaCPP presets {@code org.bytedeco:openblas}, row-major, {@code CblasTrans}
 * on B for NT and on A for TN, beta = 0 as keras4j's {@code accumulate=false}). Compiled only with
 * the {@code peers} Maven profile. The operands are native memory filled once in setup
 * ({@link OpenBlasGemm}), so no call copies a Java array.
 *
 * <p>Threads: {@code -Dopenblas.threads=N} (or, failing that, {@code OPENBLAS_NUM_THREADS}) is
 * passed to {@code openblas_set_num_threads} (JavaCPP's {@code blas_set_num_threads}) in setup;
 * with neither, OpenBLAS uses all cores. Setup prints the count OpenBLAS reports back.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsPrepend = "--enable-native-access=ALL-UNNAMED") // JDK 22+: JavaCPP loads a native library
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class OpenBlasGemmBench extends GemmParams {

    private OpenBlasGemm gemm;

    @Setup(Level.Trial)
    public void setUp() {
        String t = System.getProperty("openblas.threads", System.getenv("OPENBLAS_NUM_THREADS"));
        if (t != null && !t.isBlank()) openblas.blas_set_num_threads(Integer.parseInt(t.trim()));
        gemm = new OpenBlasGemm(new GemmShape(shape, layout));
        // (the core OpenBLAS picks at run time, e.g. "Core: Cooperlake", is printed with OPENBLAS_VERBOSE=2)
        System.out.println("# OpenBLAS threads: " + openblas.blas_get_num_threads() + " (openblas.threads=" + t + ")");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        gemm.close();
    }

    /** One C = op(A)·op(B) call. */
    @Benchmark
    public void sgemm() {
        gemm.call();
    }
}
