package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.models.Models;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FuzzTest}'s rules for functional models: 400 seeded mutants of the Keras-written
 * {@code functional.keras} (bytes, its config.json as FuzzTest mutates it, and its graph: node
 * indices, layer references, deep nesting of models, cycles). Each loads or fails with
 * {@link KerasFileException} naming the file, within a second and {@code 8 x its size + 16 MiB}.
 */
class FunctionalFuzzTest {
    static final int MUTANTS = 400;
    static final long SEED = 20261205L;

    @Test
    void everyMutantLoadsOrFailsWithTheLibraryException() throws Exception {
        byte[] file = FunctionalFilesTest.resource("functional.keras");
        Map<String, byte[]> entries = KerasArchive.entries(file, "seed");
        String config = new String(entries.get("config.json"), StandardCharsets.UTF_8);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        Random r = new Random(SEED);
        int loaded = 0, refused = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < MUTANTS; i++) {
            int kind = r.nextInt(4);
            byte[] m;
            String what;
            if (kind == 0) {
                m = file.clone();
                int k = r.nextInt(5);
                what = FuzzTest.mutateBytes(m, r, k);
                if (k == 1) m = java.util.Arrays.copyOf(m, r.nextInt(m.length));
            } else {
                String c = kind == 1 ? FuzzTest.mutateJson(config, r) : mutateGraph(config, r);
                what = "config.json: " + (c.length() > 80 ? c.substring(0, 40) + "..." : c);
                Map<String, byte[]> e = new LinkedHashMap<>(entries);
                e.put("config.json", c.getBytes(StandardCharsets.UTF_8));
                m = FuzzTest.zip(e, false);
            }
            long a0 = mx.getThreadAllocatedBytes(tid), t0 = System.nanoTime();
            try {
                Models.loadModel(m, "mutant-" + i);
                loaded++;
            } catch (KerasFileException e) {
                refused++;
                if (!e.getMessage().startsWith("mutant-" + i)) problems.add(i + " (" + what + "): message does not name the file: " + e.getMessage());
            } catch (Throwable e) {
                problems.add(i + " (" + what + "): " + e);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000, bytes = mx.getThreadAllocatedBytes(tid) - a0;
            if (ms > 1000) problems.add(i + " (" + what + "): took " + ms + " ms");
            if (bytes > 8L * m.length + (16 << 20)) problems.add(i + " (" + what + "): allocated " + bytes + " bytes for a file of " + m.length);
        }
        System.out.println("FunctionalFuzzTest: " + MUTANTS + " mutants, " + loaded + " loaded, " + refused + " refused with KerasFileException");
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
        assertTrue(refused > MUTANTS / 4 && loaded > 0, loaded + " loaded, " + refused + " refused");
    }

    /** Node indices and references changed, a model nested thousands deep, a cycle. */
    private static String mutateGraph(String c, Random r) {
        switch (r.nextInt(5)) {
            case 0: { // a node or tensor index becomes huge, negative or fractional
                java.util.regex.Matcher mt = java.util.regex.Pattern.compile("\\[\"[a-z0-9_]+\", (\\d+), (\\d+)\\]").matcher(c);
                List<int[]> spans = new ArrayList<>();
                while (mt.find()) spans.add(new int[] {mt.start(1 + r.nextInt(2)), mt.end(1)});
                int[] s = spans.get(r.nextInt(spans.size()));
                String[] repl = {"1", "2", "-1", "2147483648", "1e300", "0.5", "null", "\"0\""};
                int end = c.indexOf(',', s[0]) < c.indexOf(']', s[0]) && c.indexOf(',', s[0]) > 0 ? c.indexOf(',', s[0]) : c.indexOf(']', s[0]);
                return c.substring(0, s[0]) + repl[r.nextInt(repl.length)] + c.substring(end);
            }
            case 1: { // a reference to another layer (possibly itself: a cycle)
                String[] names = {"a", "b", "shared", "cat", "inner", "skip", "add", "out1", "out2", "inner_dense", "nowhere"};
                java.util.regex.Matcher mt = java.util.regex.Pattern.compile("\"keras_history\": \\[\"([a-z0-9_]+)\"").matcher(c);
                List<int[]> spans = new ArrayList<>();
                while (mt.find()) spans.add(new int[] {mt.start(1), mt.end(1)});
                int[] s = spans.get(r.nextInt(spans.size()));
                return c.substring(0, s[0]) + names[r.nextInt(names.length)] + c.substring(s[1]);
            }
            case 2: { // a layer that is a model nested in a model ... up to 60 deep (JSON nesting and model nesting bounds)
                int depth = 1 + r.nextInt(60);
                String nest = "";
                for (int k = depth; k >= 0; k--) {
                    nest = "{\"module\": \"keras.src.models.functional\", \"class_name\": \"Functional\", \"config\": {\"name\": \"m" + k
                            + "\", \"trainable\": true, \"layers\": [" + nest + "], \"input_layers\": [], \"output_layers\": []},"
                            + " \"name\": \"m" + k + "\", \"inbound_nodes\": []}";
                }
                return c.replaceFirst("\"layers\": \\[", java.util.regex.Matcher.quoteReplacement("\"layers\": [" + nest + ", "));
            }
            case 3: { // inbound_nodes of a layer duplicated or emptied
                return r.nextBoolean() ? c.replaceFirst("\"inbound_nodes\": \\[\\{", "\"inbound_nodes\": [{\"args\": [], \"kwargs\": {}}, {")
                        : c.replaceFirst("\"inbound_nodes\": \\[\\{[^\\]]*\\]", "\"inbound_nodes\": [");
            }
            default: { // names made to collide
                return c.replaceFirst("\"name\": \"skip\"", "\"name\": \"out1\"");
            }
        }
    }
}
