package io.keras4j.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vector kernels called from 8 and 64 threads at once, on shapes that run on the caller's
 * thread and shapes that use the kernel pool (few rows, many rows, the transposed products): each
 * result is bitwise the one computed alone, and no call waits forever (the pool is tried, never
 * waited for).
 */
class ConcurrentKernelsTest {
    private static Kernels vector;

    @BeforeAll
    static void load() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "Vector API module absent");
        vector = KernelsProvider.vectorOrNull();
        assertNotNull(vector);
    }

    /** One call: which kernel, its shape, and its operands. */
    private record Call(int kind, int m, int n, int k, float[] a, float[] b, float[] packed, float[] bias) {
        float[] run() {
            float[] c = new float[m * n];
            switch (kind) {
                case 0 -> vector.gemm(m, n, k, a, 0, b, 0, c, 0, false);
                case 1 -> vector.gemmNT(m, n, k, a, 0, b, 0, c, 0, false);
                case 2 -> vector.gemmTN(m, n, k, a, 0, b, 0, c, 0, false);
                default -> vector.gemmBiasFewRows(m, n, k, a, 0, b, 0, packed, bias, 0, true, true, c, 0);
            }
            return c;
        }
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = r.nextInt(4) == 0 ? 0f : (float) r.nextGaussian();
        return a;
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 64})
    void concurrentCallsGiveTheResultsOfOneCaller(int threads) throws Exception {
        SplittableRandom r = new SplittableRandom(threads);
        int[][] shapes = {{1, 512, 784}, {3, 300, 200}, {7, 512, 100}, {128, 10, 512}, {64, 96, 129}, {200, 33, 300}, {2, 12, 40}};
        List<Call> calls = new ArrayList<>();
        for (int[] s : shapes) {
            for (int kind = 0; kind < 4; kind++) {
                int m = s[0], n = s[1], k = s[2];
                float[] b = random(r, k * n), packed = null;
                if (kind == 3 && vector.packedSizeForFewRows(k, n) > 0) {
                    packed = new float[vector.packedSizeForFewRows(k, n)];
                    vector.packForFewRows(k, n, b, 0, packed);
                }
                calls.add(new Call(kind, m, n, k, random(r, m * k), b, packed, random(r, n)));
            }
        }
        List<float[]> alone = new ArrayList<>();
        for (Call c : calls) alone.add(c.run());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        int q = (first * 5 + i) % calls.size();
                        assertArrayEquals(alone.get(q), calls.get(q).run(), "call " + q);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }
}
