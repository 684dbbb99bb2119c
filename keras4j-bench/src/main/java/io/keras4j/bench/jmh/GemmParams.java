package io.keras4j.bench.jmh;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The SGEMM shapes and layouts, shared by {@link GemmBench} and the OpenBLAS peer (behind
 * {@code -Ppeers}) so that both always time the same problems.
 */
@State(Scope.Benchmark)
public abstract class GemmParams {

    /** m x k x n. */
    @Param({"128x784x512", "1024x1024x1024", "100x2x4"})
    public String shape;

    @Param({"NN", "NT", "TN"})
    public String layout;
}
