package io.keras4j.saving;

import io.jhdf.HdfFile;
import io.keras4j.models.Model;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Keras 3's {@code .keras} file: a zip of three stored (uncompressed) entries, as Keras 3 writes:
 * <pre>
 * metadata.json      {"keras_version": "3.12.0", "date_saved": "2026-04-18@16:36:24"}
 * config.json        the model's serialized config with build_config and compile_config ({@link ModelConfig})
 * model.weights.h5   weights and optimizer state ({@link WeightsFile})
 * </pre>
 * Reading is bounded: entries are inflated into memory only up to {@link #MAX_EXPANSION} times
 * the zip's size (a zip bomb is refused), and only the three entries are read.
 */
public final class KerasArchive {
    /** The Keras version whose format keras4j writes (written to {@code metadata.json}). */
    public static final String KERAS_VERSION = "3.12.0";
    /** Entries may inflate to at most this many times the zip's own size (plus 1 MiB). */
    static final int MAX_EXPANSION = 8;

    private KerasArchive() {}

    /** {@code model.save(path)}. */
    public static void save(Model model, Path path) {
        if (!path.getFileName().toString().endsWith(".keras")) {
            throw new IllegalArgumentException("The filename must end in `.keras`, got " + path
                    + " (use saveWeights for .weights.h5 files)");
        }
        AtomicWrite.write(path, tmp -> {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("keras_version", KERAS_VERSION);
            meta.put("date_saved", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss")));
            byte[] config = Json.write(ModelConfig.serialize(model, true)).getBytes(StandardCharsets.UTF_8);
            byte[] weights = H5.toBytes(tmp.getParent(), root -> WeightsFile.writeTree(root, model, true));
            try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream z = new ZipOutputStream(os)) {
                stored(z, "metadata.json", Json.write(meta).getBytes(StandardCharsets.UTF_8));
                stored(z, "config.json", config);
                stored(z, "model.weights.h5", weights);
            }
        });
    }

    private static void stored(ZipOutputStream z, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        z.putNextEntry(e);
        z.write(data);
        z.closeEntry();
    }

    /** Loads a {@code .keras} file's bytes: the model, compiled when it was, with weights and optimizer state. */
    @SuppressWarnings("unchecked")
    public static Model load(byte[] zip, String file) {
        Map<String, byte[]> entries = entries(zip, file);
        byte[] cfg = entries.get("config.json");
        if (cfg == null) throw new KerasFileException(file, "config.json", "missing entry");
        Map<String, Object> config = Json.parseObject(new String(cfg, StandardCharsets.UTF_8), file + ": config.json");
        byte[] w = entries.get("model.weights.h5");
        if (w == null) throw new KerasFileException(file, "model.weights.h5", "missing entry");
        Model model = ModelConfig.deserialize(config, config.get("compile_config"), file + ": config.json", w.length);
        String wf = file + ": model.weights.h5";
        try (HdfFile h = H5.open(w, wf)) {
            WeightsFile.readTree(h, model, w.length, wf, true);
        }
        return model;
    }

    static Map<String, byte[]> entries(byte[] zip, String file) {
        long budget = (long) zip.length * MAX_EXPANSION + (1 << 20);
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            int count = 0;
            while ((e = z.getNextEntry()) != null) {
                if (++count > 1000) throw new KerasFileException(file, null, "more than 1000 zip entries");
                String name = e.getName();
                if (!name.equals("config.json") && !name.equals("model.weights.h5") && !name.equals("metadata.json")) continue;
                if (out.containsKey(name)) throw new KerasFileException(file, name, "duplicate zip entry");
                byte[] data = readBounded(z, budget, file, name);
                budget -= data.length;
                out.put(name, data);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new KerasFileException(file, null, "not a valid .keras zip: " + e.getMessage(), e);
        }
        if (out.isEmpty()) throw new KerasFileException(file, null, "not a .keras file: no config.json or model.weights.h5 entry");
        return out;
    }

    private static byte[] readBounded(InputStream in, long budget, String file, String name) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (b.size() + (long) n > budget) {
                throw new KerasFileException(file, name, "inflates to more than " + MAX_EXPANSION + " times the file's size (a zip bomb?)");
            }
            b.write(buf, 0, n);
        }
        return b.toByteArray();
    }
}
