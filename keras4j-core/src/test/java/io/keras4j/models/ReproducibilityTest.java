package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's reproducibility: with {@code Utils.setRandomSeed}, training gives bit-identical
 * weights and History on every run and with any kernel thread count. The thread count is read
 * once per JVM ({@code -Dkeras4j.threads}), so {@link ReproducibleRun} runs in a fresh JVM for
 * each of 1, 2 and 3 threads, training each model twice; all six results must be the same bits.
 */
class ReproducibilityTest {

    private static List<String> run(int threads) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            cmd.add("--add-modules");
            cmd.add("jdk.incubator.vector");
        }
        String kernels = System.getProperty("keras4j.kernels");
        if (kernels != null) cmd.add("-Dkeras4j.kernels=" + kernels);
        cmd.add("-Dkeras4j.threads=" + threads);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ReproducibleRun.class.getName());
        cmd.add("2");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        p.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run with " + threads + " threads did not end");
        assertEquals(0, p.exitValue(), "the run with " + threads + " threads failed:\n" + out);
        return List.of(out.strip().split("\n"));
    }

    @Test
    void sameBitsWithOneTwoAndThreeThreadsAndOnEveryRun() throws Exception {
        List<String> one = run(1);
        // the first line names the kernels; then 4 optimizers, twice
        assertEquals(1 + 2 * ReproducibleRun.optimizers().size(), one.size(), String.join("\n", one));
        List<String> results = one.subList(1, one.size());
        int models = ReproducibleRun.optimizers().size();
        assertEquals(results.subList(0, models), results.subList(models, 2 * models), "two runs in one JVM");
        for (int threads : new int[] {2, 3}) {
            List<String> other = run(threads);
            assertTrue(other.get(0).contains(threads + " threads") || other.get(0).contains("scalar"), other.get(0));
            assertEquals(results, other.subList(1, other.size()), threads + " threads against 1");
        }
    }
}
