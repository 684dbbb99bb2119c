package io.keras4j.plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A chart that can be saved, like a matplotlib figure after {@code plt.plot(...)}.
 * Saving works headless and is atomic: the file is written beside its target and moved into
 * place, so a failed save never leaves a half-written file where a good one was.
 */
public final class Figure {
    private final Chart<?, ?> chart;

    Figure(Chart<?, ?> chart) {
        this.chart = chart;
    }

    /** The XChart chart, for further styling. */
    public Chart<?, ?> chart() {
        return chart;
    }

    /** Saves as PNG ({@code plt.savefig("x.png")}); creates parent folders. Returns {@code path}. */
    public Path savePng(Path path) throws IOException {
        headless();
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        Path tmp = temp(path, ".png");
        try {
            Files.write(tmp, png);
            return move(tmp, path);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Saves as SVG; creates parent folders. Returns {@code path}. */
    public Path saveSvg(Path path) throws IOException {
        headless();
        Path tmp = temp(path, ".svg");
        try {
            // the encoder appends ".svg" when the name lacks it; the temp name already ends so
            VectorGraphicsEncoder.saveVectorGraphic(chart, tmp.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return move(tmp, path);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void headless() {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private static Path temp(Path path, String suffix) throws IOException {
        Path abs = path.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        return Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp" + suffix);
    }

    private static Path move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
