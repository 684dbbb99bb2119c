package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kernels compute the same bits in every JIT tier, so a prediction made before C2 compiled
 * them equals the same prediction made after (issue 17: an LSTM model's answers under concurrent
 * load differed from its serial ones made earlier, because the Vector API's TANH and EXP were
 * SVML calls once compiled by C2 and {@code Math} calls before). {@link JitTierRun} runs in a
 * JVM held to C1 ({@code -XX:TieredStopAtLevel=1}: the Vector API's Java fallback) and in one
 * with C2 alone and {@code -Xbatch} (after its warm-up rounds every hot method is C2 code), at
 * this machine's vector width and at 256 bits; the lines must be equal.
 */
class JitTierInvarianceTest {

    private static List<String> run(String... jvm) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.addAll(List.of(jvm));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(JitTierRun.class.getName());
        cmd.add(jvm[0].contains("TieredStopAtLevel") ? "0" : "30");
        Process p = new ProcessBuilder(cmd).start();
        p.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the run " + jvm[0] + " did not end");
        assertEquals(0, p.exitValue(), "the run " + String.join(" ", jvm) + " failed:\n" + out);
        return List.of(out.strip().split("\n"));
    }

    @ParameterizedTest(name = "MaxVectorSize={0}")
    @ValueSource(ints = {0, 32})
    void c1AndC2ComputeTheSameBits(int maxVectorSize) throws Exception {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "Vector API module absent");
        String width = maxVectorSize == 0 ? "-XX:+UseSuperWord" : "-XX:MaxVectorSize=" + maxVectorSize; // the first: a no-op
        List<String> c1 = run("-XX:TieredStopAtLevel=1", width);
        List<String> c2 = run("-XX:-TieredCompilation", "-Xbatch", width);
        assertTrue(c1.get(0).startsWith("kernels vector"), c1.get(0));
        assertEquals(1 + JitTierRun.models().size(), c1.size(), String.join("\n", c1));
        assertEquals(c1, c2, "C1 (Vector API fallback) against C2 (intrinsics)");
    }
}
