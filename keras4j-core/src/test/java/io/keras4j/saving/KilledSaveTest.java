package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save killed midway (the JVM killed with SIGKILL while it saves the same file over and over)
 * leaves a readable file holding one whole version: the save goes to a temporary file that is
 * moved into place atomically.
 */
class KilledSaveTest {
    @TempDir
    Path dir;

    /** The child JVM: saves a 1 MiB model to args[0] again and again, every weight = the version number. */
    public static void main(String[] args) {
        Sequential m = model();
        for (int version = 1; ; version++) {
            List<NDArray> w = new ArrayList<>();
            for (NDArray a : m.getWeights()) {
                float[] v = new float[a.size()];
                java.util.Arrays.fill(v, version);
                w.add(NDArray.of(v, a.shape()));
            }
            m.setWeights(w);
            m.save(Path.of(args[0]));
            System.out.println("saved " + version);
            System.out.flush();
        }
    }

    static Sequential model() {
        Sequential m = new Sequential();
        m.add(new Dense(512).inputShape(512));
        m.compile("adam", "mse");
        return m;
    }

    @Test
    void aKilledSaveLeavesAWholeFile() throws Exception {
        Path target = dir.resolve("m.keras");
        Random r = new Random(7);
        for (int round = 0; round < 3; round++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Dslf4j.internal.verbosity=ERROR",
                    KilledSaveTest.class.getName(), target.toString()).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
            int saves = 0;
            for (String line; saves < 2 && (line = out.readLine()) != null; ) if (line.startsWith("saved")) saves++;
            Thread.sleep(r.nextInt(40));
            p.destroyForcibly();
            p.waitFor();
            assertTrue(saves >= 2, "the child saved");
            Model m = Models.loadModel(target);
            float first = m.getWeights().get(0).toFloatArray()[0];
            assertTrue(first >= 2, "a whole version, at least the second");
            for (NDArray a : m.getWeights()) for (float v : a.toFloatArray()) assertEquals(first, v, "one version throughout");
        }
    }
}
