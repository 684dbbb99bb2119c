package io.keras4j.jupyter;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.models.Model;
import io.keras4j.plot.Figure;
import io.keras4j.plot.ImageFigure;
import io.keras4j.plot.Plots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * How keras4j's objects look in a notebook, registered with jjava's renderer registry:
 * a {@link Figure} as an inline PNG (and SVG on request), as matplotlib's figures are; an
 * {@link ImageFigure} (the digit grid of {@code Plots.digits}) as an inline PNG; an
 * {@link NDArray} as numpy's text and, when small, an HTML table; a {@link History} as its
 * curves; a {@link Model} as its {@code summary()}.
 */
final class Displays {
    /** Arrays up to this many rows and columns also get an HTML table. */
    private static final int HTML_MAX = 20;

    private Displays() {}

    static void register(Renderer renderer) {
        renderer.createRegistration(Figure.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_SVG, MIMEType.TEXT_PLAIN)
                .register((figure, ctx) -> {
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> png(figure));
                    ctx.renderIfRequested(MIMEType.IMAGE_SVG, () -> svg(figure));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> "<Figure: " + figure.chart().getTitle() + ">");
                });
        renderer.createRegistration(ImageFigure.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((image, ctx) -> {
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> png(image));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> "<ImageFigure: " + image.width() + "x" + image.height() + ">");
                });
        renderer.createRegistration(NDArray.class)
                .preferring(MIMEType.TEXT_PLAIN, MIMEType.TEXT_HTML)
                .register((a, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, a::toString);
                    if (small(a)) ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> html(a));
                });
        renderer.createRegistration(History.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((h, ctx) -> {
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> png(Plots.history(h)));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> "History " + h.history().keySet() + ", " + h.epoch().size() + " epochs");
                });
        renderer.createRegistration(Model.class)
                .preferring(MIMEType.TEXT_PLAIN)
                .register((m, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> summary(m)));
    }

    static String png(Figure f) {
        try {
            return Base64.getEncoder().encodeToString(f.toPng());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String png(ImageFigure f) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(f.image(), "png", bytes)) throw new IOException("no PNG writer in this JVM");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    static String svg(Figure f) {
        try {
            return f.toSvg();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String summary(Model m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        m.summary(out);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean small(NDArray a) {
        int[] s = a.shape();
        return s.length >= 1 && s.length <= 2 && s[0] <= HTML_MAX && (s.length == 1 || s[1] <= HTML_MAX);
    }

    /** A table of a 1-D or 2-D array, rows by columns, values as numpy prints them. */
    static String html(NDArray a) {
        int[] s = a.shape();
        int rows = s.length == 1 ? 1 : s[0], cols = s.length == 1 ? s[0] : s[1];
        StringBuilder b = new StringBuilder("<table><caption>NDArray ").append(NDArray.shapeString(s)).append("</caption>");
        for (int r = 0; r < rows; r++) {
            b.append("<tr>");
            for (int c = 0; c < cols; c++) {
                float v = s.length == 1 ? a.get(c) : a.get(r, c);
                b.append("<td>").append(v).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</table>").toString();
    }
}
