package io.keras4j.saving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The size limits of keras4j's file reading: no file or zip entry over {@link #MAX_FILE} bytes is read. */
final class Limits {
    /** 2 GiB - 64: Java arrays end there, and so do Keras files keras4j reads into memory. */
    static final long MAX_FILE = Integer.MAX_VALUE - 64;

    private Limits() {}

    static byte[] readFile(Path path) {
        try {
            long size = Files.size(path);
            if (size > MAX_FILE) throw new KerasFileException(path, null, "file of " + size + " bytes is over the limit of " + MAX_FILE);
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new KerasFileException(path, null, "cannot read: " + e, e);
        }
    }
}
