package io.keras4j.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving is all or nothing, creates folders and leaves ordinary, readable files. */
class FigureTest {

    @Test
    void aFailedSaveKeepsTheOldFileAndLeavesNoTemporary(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("loss.png");
        Files.write(target, new byte[] {1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target), "the old figure is untouched");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aSaveReplacesTheOldFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("a/b/loss.png");
        Files.createDirectories(target.getParent());
        Files.write(target, new byte[] {1, 2, 3});
        Path saved = Plots.history(PlotsTest.history(5), "loss").savePng(target);
        assertEquals(target.toAbsolutePath(), saved);
        byte[] png = Files.readAllBytes(saved);
        assertTrue(png.length > 100 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG signature");
    }

    @Test
    void savedFilesAreReadableByOthers(@TempDir Path dir) throws Exception {
        Path saved = Plots.history(PlotsTest.history(5)).savePng(dir.resolve("h.png"));
        if (Files.getFileStore(saved).supportsFileAttributeView("posix")) {
            assertTrue(Files.getPosixFilePermissions(saved).contains(PosixFilePermission.OTHERS_READ),
                    "not the 0600 of a temporary file: " + Files.getPosixFilePermissions(saved));
        }
    }

    @Test
    void aDirectoryIsNotOverwritten(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectories(dir.resolve("loss.png"));
        assertThrows(IOException.class, () -> Plots.history(PlotsTest.history(2)).savePng(sub));
        assertTrue(Files.isDirectory(sub));
    }

    @Test
    void titleCanBeChanged(@TempDir Path dir) throws Exception {
        Figure f = Plots.history(PlotsTest.history(2)).title("model loss");
        assertEquals("model loss", f.chart().getTitle());
        assertTrue(Files.size(f.saveSvg(dir.resolve("t.svg"))) > 0);
    }
}
