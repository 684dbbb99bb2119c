package io.keras4j.saving;

import java.nio.file.Path;

/**
 * The one exception every Keras file operation of keras4j throws: a file that cannot be read or
 * written, or whose content is malformed, truncated, too large or not supported. The message names
 * the file, the path inside it (a zip entry, an HDF5 path or a JSON key) and what was wrong:
 * <pre>model.keras: model.weights.h5:/layers/dense/vars/0: shape (4, 3) does not match the layer's (4, 2)</pre>
 */
public class KerasFileException extends RuntimeException {
    private final String file;
    private final String where;

    public KerasFileException(String file, String where, String what) {
        this(file, where, what, null);
    }

    public KerasFileException(String file, String where, String what, Throwable cause) {
        super(message(file, where, what), cause);
        this.file = file;
        this.where = where;
    }

    public KerasFileException(Path file, String where, String what) {
        this(String.valueOf(file), where, what, null);
    }

    public KerasFileException(Path file, String where, String what, Throwable cause) {
        this(String.valueOf(file), where, what, cause);
    }

    /** The file's path as given (or a description such as {@code "<json>"}). */
    public String file() {
        return file;
    }

    /** The path inside the file where the problem was found, or null. */
    public String where() {
        return where;
    }

    private static String message(String file, String where, String what) {
        return file + (where == null || where.isEmpty() ? "" : ": " + where) + ": " + what;
    }
}
