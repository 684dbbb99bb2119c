package io.keras4j.saving;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file through a temporary file in the same folder, moved into place atomically: an
 * interrupted save leaves the old file intact.
 *
 * <p>The saved file gets the permissions a plain write would give it ({@code Files.write},
 * Python's {@code open(path, "w")}): a new file {@code 0666} less the process's umask
 * ({@code rw-r--r--} under umask 022), an overwritten file keeps its own. The temporary file is
 * therefore created with {@code Files.createFile} (which applies the umask), not
 * {@code Files.createTempFile} (always {@code rw-------}), and on POSIX file systems takes the
 * existing target's permissions before the move.
 */
final class AtomicWrite {
    private AtomicWrite() {}

    @FunctionalInterface
    interface Writer {
        void write(Path tmp) throws IOException;
    }

    static void write(Path target, Writer w) {
        Path abs = target.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(abs.getParent());
            tmp = newTemporary(abs);
            w.write(tmp);
            keepPermissions(abs, tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | RuntimeException e) {
            if (e instanceof KerasFileException) throw (KerasFileException) e;
            throw new KerasFileException(target, null, "cannot write: " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is left behind; the target is untouched
                }
            }
        }
    }

    /** A new empty file {@code .<name>.<random>.tmp} beside {@code abs}, with the default permissions (umask applied). */
    private static Path newTemporary(Path abs) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) throw e;
            }
        }
    }

    /** An overwritten file keeps its permissions, as a plain write that truncates it would. */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (!Files.isRegularFile(target) || Files.getFileAttributeView(tmp, PosixFileAttributeView.class) == null) return;
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(target);
        Files.setPosixFilePermissions(tmp, p);
    }
}
