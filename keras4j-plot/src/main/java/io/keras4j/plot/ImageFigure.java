package io.keras4j.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A figure drawn as a picture rather than a chart (a grid of images, as {@link Plots#digits}
 * makes), ready to save like a {@link Figure}: {@code plt.savefig(...)}. Saving is atomic and
 * creates missing parent directories, as {@link Figure#savePng} does.
 */
public final class ImageFigure {
    static {
        Headless.ensure();
    }

    private final BufferedImage image;

    ImageFigure(BufferedImage image) {
        this.image = image;
    }

    /** A copy of the picture, for drawing more on it or showing it. */
    public BufferedImage image() {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), image.getType());
        copy.getGraphics().drawImage(image, 0, 0, null);
        return copy;
    }

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }

    /**
     * Writes the figure as a PNG image to {@code path} (the name is used as given: no extension is
     * added). Returns the absolute path written.
     */
    public Path savePng(Path path) throws IOException {
        return AtomicFiles.write(path, out -> {
            if (!ImageIO.write(image, "png", out)) throw new IOException("no PNG writer in this JVM");
        });
    }
}
