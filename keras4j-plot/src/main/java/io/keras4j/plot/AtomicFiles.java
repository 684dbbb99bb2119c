package io.keras4j.plot;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a file all or nothing: into a temporary file in the target's directory, then a rename. */
final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes its whole content to a stream. */
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Creates the parent directories, writes {@code content} to a temporary sibling of
     * {@code path} and moves it onto {@code path} (atomically where the file system can).
     * On any failure the temporary file is deleted and the old {@code path}, if any, is untouched.
     * Returns the absolute path written.
     */
    static Path write(Path path, Writer content) throws IOException {
        if (path == null) throw new IllegalArgumentException("path must not be null");
        Path target = path.toAbsolutePath().normalize();
        if (target.getFileName() == null) throw new IllegalArgumentException("not a file path: " + path);
        if (Files.isDirectory(target)) throw new IOException("cannot save a figure over a directory: " + target);
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                content.writeTo(out);
            }
            readableByAll(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** createTempFile makes the file owner-only (0600); an image is an ordinary file, so give it 0644. */
    private static void readableByAll(Path tmp) throws IOException {
        if (Files.getFileAttributeView(tmp, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
