package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the loaders: 1,200 mutants of the keras-compat legacy {@code .h5} files and of
 * {@code .keras} files (bit flips, truncation, huge sizes and dimensions written over the file's
 * integers, wrong JSON types, deep JSON nesting, zip bombs, garbage zips). Every mutant must load
 * or fail with {@link KerasFileException}; none may take over a second or allocate more than
 * {@code 8 x its size + 16 MiB} (the 16 MiB: a model's fixed cost of classes, plans and jhdf's
 * structures, paid by the unmutated files too).
 */
class FuzzTest {
    static final int MUTANTS = 1200;
    static final long SEED = 20261204L;

    @TempDir
    Path dir;

    @Test
    void everyMutantLoadsOrFailsWithTheLibraryException() throws Exception {
        List<byte[]> h5 = new ArrayList<>();
        Path legacy = LegacyH5ConformanceTest.root();
        for (String name : new String[] {"simple_sparse_xent/simple_sparse_xent_mlp_keras_2_model.h5",
                "simple_lstm/simple_lstm_th_keras_1_model.h5", "activations/ReLU_0_model.h5",
                "conv1d/conv1d_k2_s1_d1_cf_same_model.h5", "simple_sparse_xent/simple_sparse_xent_mlp_keras_2_weights.h5"}) {
            h5.add(Files.readAllBytes(legacy.resolve(name)));
        }
        byte[] keras = kerasFile();
        Map<String, byte[]> entries = KerasArchive.entries(keras, "seed");
        String config = new String(entries.get("config.json"), StandardCharsets.UTF_8);
        byte[] bomb = deflated(48 << 20);

        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        Random r = new Random(SEED);
        int loaded = 0, refused = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < MUTANTS; i++) {
            int kind = r.nextInt(10);
            byte[] m;
            String what;
            if (kind < 5) {
                byte[] seed = r.nextBoolean() ? keras : h5.get(r.nextInt(h5.size()));
                m = seed.clone();
                what = mutateBytes(m, r, kind);
                if (kind == 1) m = java.util.Arrays.copyOf(m, r.nextInt(m.length));
            } else if (kind < 8) {
                String c = mutateJson(config, r);
                what = "config.json: " + (c.length() > 80 ? c.substring(0, 40) + "..." : c);
                Map<String, byte[]> e = new LinkedHashMap<>(entries);
                e.put("config.json", c.getBytes(StandardCharsets.UTF_8));
                m = zip(e, false);
            } else if (kind == 8) {
                Map<String, byte[]> e = new LinkedHashMap<>(entries);
                String victim = r.nextBoolean() ? "config.json" : "model.weights.h5";
                e.remove(victim);
                m = withBomb(zip(e, false), victim, bomb);
                what = "zip bomb as " + victim;
            } else {
                m = new byte[r.nextInt(4096)];
                r.nextBytes(m);
                m[0] = (byte) (r.nextBoolean() ? 'P' : 0x89);
                m[1] = (byte) (m[0] == 'P' ? 'K' : 'H');
                if (m.length > 3 && m[0] == (byte) 0x89) {
                    m[2] = 'D';
                    m[3] = 'F';
                }
                what = "garbage";
            }
            long a0 = mx.getThreadAllocatedBytes(tid), t0 = System.nanoTime();
            try {
                Models.loadModel(m, "mutant-" + i);
                loaded++;
                if (kind == 8) problems.add(i + " (" + what + "): a zip bomb loaded");
            } catch (KerasFileException e) {
                refused++;
                if (kind == 8 && !e.getMessage().contains("inflates to more than")) problems.add(i + " (" + what + "): " + e.getMessage());
                if (!e.getMessage().startsWith("mutant-" + i)) problems.add(i + " (" + what + "): message does not name the file: " + e.getMessage());
            } catch (Throwable e) {
                problems.add(i + " (" + what + "): " + e);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000, bytes = mx.getThreadAllocatedBytes(tid) - a0;
            if (ms > 1000) problems.add(i + " (" + what + "): took " + ms + " ms");
            if (bytes > 8L * m.length + (16 << 20)) problems.add(i + " (" + what + "): allocated " + bytes + " bytes for a file of " + m.length);
        }
        System.out.println("FuzzTest: " + MUTANTS + " mutants, " + loaded + " loaded, " + refused + " refused with KerasFileException");
        assertTrue(problems.isEmpty(), problems.size() + " bad mutants (loaded " + loaded + ", refused " + refused + "):\n"
                + String.join("\n", problems.subList(0, Math.min(30, problems.size()))));
        assertTrue(refused > MUTANTS / 2, "most mutants are refused: " + refused);
    }

    private byte[] kerasFile() throws Exception {
        Sequential s = new Sequential();
        s.add(new Dense(6, "relu").inputShape(5));
        s.add(new Dense(3, "softmax"));
        s.compile(new Adam(), "sparse_categorical_crossentropy", "accuracy");
        s.fit(KerasArchiveTest.data(16, 5, 1), KerasArchiveTest.labels(16, 3, 2), new FitOptions().epochs(1).verbose(0));
        Path p = dir.resolve("seed.keras");
        s.save(p);
        return Files.readAllBytes(p);
    }

    /** Bit flips (0), truncation (1), huge values over random words (2), over small integers such as dimensions (3, 4). */
    static String mutateBytes(byte[] m, Random r, int kind) {
        switch (kind) {
            case 0: {
                int flips = 1 + r.nextInt(16);
                for (int k = 0; k < flips; k++) m[r.nextInt(m.length)] ^= (byte) (1 << r.nextInt(8));
                return flips + " bit flips";
            }
            case 1: return "truncated";
            case 2: {
                int at = r.nextInt(Math.max(1, m.length - 8));
                long v = HUGE[r.nextInt(HUGE.length)];
                for (int k = 0; k < 8 && at + k < m.length; k++) m[at + k] = (byte) (v >>> (8 * k));
                return "huge value at " + at;
            }
            default: {
                // the little-endian words holding 1..4096 (dimensions, sizes, counts) get huge values
                List<Integer> at = new ArrayList<>();
                for (int k = 0; k + 8 <= m.length; k += 4) {
                    long v = 0;
                    for (int b = 7; b >= 0; b--) v = (v << 8) | (m[k + b] & 0xff);
                    if (v >= 1 && v <= 4096) at.add(k);
                }
                if (at.isEmpty()) return "no small integers";
                int n = 1 + r.nextInt(3);
                for (int j = 0; j < n; j++) {
                    int k = at.get(r.nextInt(at.size()));
                    long v = HUGE[r.nextInt(HUGE.length)];
                    int width = r.nextBoolean() ? 4 : 8;
                    for (int b = 0; b < width; b++) m[k + b] = (byte) (v >>> (8 * b));
                }
                return n + " small integers made huge";
            }
        }
    }

    private static final long[] HUGE = {0xFFFFFFFFL, 0x7FFFFFFFL, 0x80000000L, -1L, 1L << 40, 0x7FFFFFFFFFFFFFFFL, 1 << 20, 65537};

    /** Wrong types, huge or negative numbers, removed keys, deep nesting, truncation. */
    static String mutateJson(String c, Random r) {
        int kind = r.nextInt(6);
        switch (kind) {
            case 0: { // a number becomes something else
                java.util.regex.Matcher mt = java.util.regex.Pattern.compile("(?<=: )-?\\d+(\\.\\d+)?(e-?\\d+)?").matcher(c);
                List<int[]> spans = new ArrayList<>();
                while (mt.find()) spans.add(new int[] {mt.start(), mt.end()});
                int[] s = spans.get(r.nextInt(spans.size()));
                String[] repl = {"\"x\"", "[]", "{}", "null", "true", "-1", "0", "2147483648", "99999999999999999999", "1e308", "NaN", "-Infinity", "1000000"};
                return c.substring(0, s[0]) + repl[r.nextInt(repl.length)] + c.substring(s[1]);
            }
            case 1: { // a string value becomes something else
                java.util.regex.Matcher mt = java.util.regex.Pattern.compile("(?<=: )\"[^\"]*\"").matcher(c);
                List<int[]> spans = new ArrayList<>();
                while (mt.find()) spans.add(new int[] {mt.start(), mt.end()});
                int[] s = spans.get(r.nextInt(spans.size()));
                String[] repl = {"1", "[\"a\"]", "{\"class_name\": \"Lambda\", \"config\": {}}", "null", "\"Lambda\"", "\"java.lang.Runtime\"", "\"\"", "\"../../etc\""};
                return c.substring(0, s[0]) + repl[r.nextInt(repl.length)] + c.substring(s[1]);
            }
            case 2: { // deep nesting
                int depth = 100 + r.nextInt(200_000);
                StringBuilder b = new StringBuilder(c.substring(0, c.length() - 1)).append(", \"deep\": ");
                b.append("[".repeat(depth)).append("]".repeat(r.nextBoolean() ? depth : depth / 2)).append('}');
                return b.toString();
            }
            case 3: return c.substring(0, r.nextInt(c.length())); // truncated
            case 4: { // a key removed
                String[] keys = {"\"units\"", "\"layers\"", "\"config\"", "\"class_name\"", "\"batch_shape\"", "\"activation\""};
                String k = keys[r.nextInt(keys.length)];
                return c.replaceFirst(java.util.regex.Pattern.quote(k), "\"removed\"");
            }
            default: { // a huge layer
                return c.replaceFirst("\"units\": \\d+", "\"units\": " + (r.nextBoolean() ? 2_000_000_000 : 70_000));
            }
        }
    }

    static byte[] zip(Map<String, byte[]> entries, boolean deflate) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry ze = new ZipEntry(e.getKey());
                if (!deflate) {
                    ze.setMethod(ZipEntry.STORED);
                    ze.setSize(e.getValue().length);
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    ze.setCrc(crc.getValue());
                }
                z.putNextEntry(ze);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** {@code n} bytes of spaces, deflated (about n / 1000 bytes). */
    private static byte[] deflated(int n) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.setLevel(9);
            z.putNextEntry(new ZipEntry("x"));
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int i = 0; i < n >> 20; i++) z.write(chunk);
            z.closeEntry();
        }
        return out.toByteArray();
    }

    /** Appends the bomb (a deflated entry of one zip) to a zip's entries under {@code name}. */
    private static byte[] withBomb(byte[] zipBytes, String name, byte[] bombZip) throws Exception {
        Map<String, byte[]> e = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
            for (ZipEntry x; (x = z.getNextEntry()) != null; ) e.put(x.getName(), z.readAllBytes());
        }
        // re-emit with the bomb's raw deflate stream copied from bombZip: simplest is to write a
        // zip whose first entry is the bomb, named as the victim
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] renamed = renameFirstEntry(bombZip, name);
        out.write(renamed, 0, centralStart(renamed));
        byte[] rest = zip(e, false);
        out.write(rest);
        return out.toByteArray();
    }

    private static byte[] renameFirstEntry(byte[] z, String name) {
        // the local header of the one entry "x": name length 1 at offset 26, name at 30
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[z.length - 1 + n.length];
        System.arraycopy(z, 0, out, 0, 26);
        out[26] = (byte) n.length;
        out[27] = 0;
        System.arraycopy(z, 28, out, 28, 2);
        System.arraycopy(n, 0, out, 30, n.length);
        System.arraycopy(z, 31, out, 30 + n.length, z.length - 31);
        return out;
    }

    private static int centralStart(byte[] z) {
        for (int i = z.length - 4; i >= 0; i--) {
            if (z[i] == 'P' && z[i + 1] == 'K' && z[i + 2] == 1 && z[i + 3] == 2) return i;
        }
        return z.length;
    }
}
