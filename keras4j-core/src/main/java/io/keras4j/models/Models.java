package io.keras4j.models;

import io.jhdf.HdfFile;
import io.keras4j.saving.H5;
import io.keras4j.saving.Json;
import io.keras4j.saving.KerasArchive;
import io.keras4j.saving.KerasFileException;
import io.keras4j.saving.LegacyH5;
import io.keras4j.saving.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code keras.models}: loading saved models. Loading never runs code from the file: layers are
 * built only from keras4j's own classes and those registered with
 * {@link io.keras4j.layers.Layers#register}; every error is a {@link KerasFileException} naming
 * the file, the path inside it and what was wrong.
 */
public final class Models {
    private Models() {}

    /**
     * {@code keras.models.load_model(path)}: a Keras 3 {@code .keras} zip (config, weights and
     * optimizer state, compiled as saved), or a legacy Keras 1/2 (or Keras-3-written) full-model
     * {@code .h5}. The format is told by the file's first bytes, not its name.
     */
    public static Model loadModel(Path path) {
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > Integer.MAX_VALUE - 64) throw new KerasFileException(path, null, "file of " + size + " bytes is too large");
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new KerasFileException(path, null, "cannot read: " + e, e);
        }
        return loadModel(bytes, path.toString());
    }

    /** {@link #loadModel(Path)} on a file's bytes; {@code name} names it in errors. */
    public static Model loadModel(byte[] bytes, String name) {
        try {
            return load(bytes, name);
        } catch (KerasFileException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // a malformed file that got past the format checks: still the library's one exception type
            throw new KerasFileException(name, null, "invalid model file: " + e, e);
        }
    }

    private static Model load(byte[] bytes, String name) {
        if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K') return KerasArchive.load(bytes, name);
        if (bytes.length >= 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'H') {
            try (HdfFile h = H5.open(bytes, name)) {
                return LegacyH5.load(h, bytes.length, name);
            }
        }
        throw new KerasFileException(name, null, "neither a .keras zip nor an HDF5 .h5 file");
    }

    /**
     * {@code keras.models.model_from_json(json)}: the model of {@link Model#toJson()}'s text, with
     * fresh weights, compiled when the text has a {@code compile_config}.
     */
    public static Model modelFromJson(String json) {
        try {
            java.util.Map<String, Object> config = Json.parseObject(json, "<json>");
            return ModelConfig.deserialize(config, config.get("compile_config"), "<json>");
        } catch (KerasFileException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new KerasFileException("<json>", null, "invalid model JSON: " + e, e);
        }
    }
}
