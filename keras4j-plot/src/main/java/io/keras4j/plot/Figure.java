package io.keras4j.plot;

import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;

/**
 * One chart, ready to save: matplotlib's {@code plt.figure()} + {@code plt.savefig(...)}.
 *
 * <p>Saving works without a display (it sets {@code java.awt.headless=true} when the property is
 * unset) and is atomic: the image is written to a temporary file next to the target and then
 * moved over it, so a failed save never leaves a half-written file. Missing parent directories
 * are created.
 *
 * <pre>{@code
 * Plots.history(results, "loss").savePng(Path.of("loss.png"));
 * }</pre>
 *
 * <p>For anything this class does not offer (fonts, colours, axis ranges), style the XChart chart
 * returned by {@link #chart()} before saving.
 */
public final class Figure {
    static {
        Headless.ensure();
    }

    private final XYChart chart;

    /** Wraps an XChart chart (what {@link Plots} builds). */
    public Figure(XYChart chart) {
        if (chart == null) throw new IllegalArgumentException("chart must not be null");
        this.chart = chart;
    }

    /** The underlying XChart chart, for styling beyond what {@link Plots} sets. */
    public XYChart chart() {
        return chart;
    }

    /** Sets the title ({@code plt.title(...)}) and returns this figure. */
    public Figure title(String title) {
        chart.setTitle(title == null ? "" : title);
        return this;
    }

    /** The figure as PNG bytes, for display without a file (a notebook's inline image). */
    public byte[] toPng() throws IOException {
        Headless.ensure();
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /** The figure as an SVG document, for display without a file. */
    public String toSvg() throws IOException {
        Headless.ensure();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Writes the figure as a PNG image to {@code path} (the name is used as given: no extension is
     * added). Returns the absolute path written.
     */
    public Path savePng(Path path) throws IOException {
        Headless.ensure();
        return AtomicFiles.write(path, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /**
     * Writes the figure as an SVG document to {@code path} (the name is used as given: no extension
     * is added). Returns the absolute path written.
     */
    public Path saveSvg(Path path) throws IOException {
        Headless.ensure();
        return AtomicFiles.write(path,
                out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
    }
}
