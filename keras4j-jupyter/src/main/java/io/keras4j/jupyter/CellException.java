package io.keras4j.jupyter;

import java.util.List;

/** A cell that did not compile, was incomplete, or threw: the lines the notebook shows for it. */
final class CellException extends RuntimeException {
    private final List<String> lines;

    CellException(String message, List<String> lines) {
        super(message);
        this.lines = List.copyOf(lines);
    }

    List<String> lines() {
        return lines;
    }
}
