package io.keras4j.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.engine.kernels.Kernels;
import io.keras4j.engine.kernels.KernelsProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class GemmTableTest {

    private static String result(String bench, String impl, String threadsArg, String shape, String layout, String unit, String raw) {
        return "{ \"jmhVersion\" : \"1.37\", \"benchmark\" : \"io.keras4j.bench.jmh." + bench + "\", \"mode\" : \"thrpt\","
                + " \"jvmArgs\" : [ \"--add-modules\", \"jdk.incubator.vector\", \"" + threadsArg + "\" ],"
                + " \"jdkVersion\" : \"17.0.15\", \"params\" : { " + (impl == null ? "" : "\"impl\" : \"" + impl + "\", ")
                + "\"layout\" : \"" + layout + "\", \"shape\" : \"" + shape + "\" },"
                + " \"primaryMetric\" : { \"score\" : 1.0, \"scoreError\" : \"NaN\", \"scoreConfidence\" : [ \"NaN\", \"NaN\" ],"
                + " \"scoreUnit\" : \"" + unit + "\", \"rawData\" : " + raw + " }, \"secondaryMetrics\" : { } }";
    }

    @Test
    void medianOfIterationsInGflopsAndTheRatio() {
        String json = "[" + result("GemmBench.gemm", "vector", "-Dkeras4j.threads=2", "100x10x50", "NT", "ops/s", "[ [ 1000, 3000, 2000 ] ]")
                + ", " + result("GemmBench.gemm", "scalar", "-Dkeras4j.threads=2", "100x10x50", "NT", "ops/s", "[ [ 1 ] ]")
                + ", " + result("OpenBlasGemmBench.sgemm", null, "-Dopenblas.threads=2", "100x10x50", "NT", "ms/op", "[ [ 0.25, 1e-1, 0.5 ] ]")
                + "]";
        String table = GemmTable.table(GemmTable.asList(GemmTable.parse(json)));
        // 2*100*50*10 = 1e5 flops per call; keras4j median 2000 ops/s = 0.2 GFLOP/s; OpenBLAS median
        // 0.25 ms/op = 4000 ops/s = 0.4 GFLOP/s; the scalar row is not part of the table.
        List<String> lines = table.lines().toList();
        assertEquals(3, lines.size(), table);
        assertEquals("| 17.0.15 | 2 | 100x10x50 | NT | 0.2 | 0.4 | 50% |", lines.get(2));
    }

    @Test
    void medianOfEvenCountIsTheMidpoint() {
        assertEquals(2.5, GemmTable.median(new double[] {4, 1, 2, 3}));
    }

    @Test
    void shapesAndLayoutsAreCheckedAgainstADotProduct() {
        Kernels k = KernelsProvider.scalar();
        for (String layout : new String[] {"NN", "NT", "TN"}) {
            GemmShape g = new GemmShape("7x5x3", layout);
            assertEquals(2.0 * 7 * 5 * 3, g.flops());
            float[] a = g.newA(), b = g.newB(), c = new float[g.m * g.n];
            switch (layout) {
                case "NN": k.gemm(g.m, g.n, g.k, a, 0, b, 0, c, 0, false); break;
                case "NT": k.gemmNT(g.m, g.n, g.k, a, 0, b, 0, c, 0, false); break;
                default: k.gemmTN(g.m, g.n, g.k, a, 0, b, 0, c, 0, false); break;
            }
            g.check(a, b, c, "scalar " + layout);
            c[0] += 1f;
            float[] wrong = c;
            assertThrows(IllegalStateException.class, () -> {
                // a corrupted entry must be caught when it is sampled; corrupt every entry to be sure
                for (int i = 0; i < wrong.length; i++) wrong[i] += 1f;
                g.check(a, b, wrong, "corrupted");
            });
        }
        assertThrows(IllegalArgumentException.class, () -> new GemmShape("7x5", "NN"));
        assertTrue(new GemmShape("128x784x512", "TN").m == 128);
    }
}
