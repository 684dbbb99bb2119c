package io.keras4j.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plots.digits: the grid's geometry, the images' grey levels, red labels exactly under the wrong predictions. */
class DigitsPlotTest {
    /** n images 28x28 in 0..255: black, with a white 8x8 square at the centre. */
    private static NDArray squares(int n) {
        float[] v = new float[n * 28 * 28];
        for (int i = 0; i < n; i++) for (int r = 10; r < 18; r++) for (int c = 10; c < 18; c++) v[i * 784 + r * 28 + c] = 255;
        return NDArray.of(v, n, 28, 28);
    }

    private static boolean reddish(int rgb) {
        int r = rgb >> 16 & 0xff, g = rgb >> 8 & 0xff, b = rgb & 0xff;
        return r > 150 && g < 120 && b < 120;
    }

    private static boolean dark(int rgb) {
        int r = rgb >> 16 & 0xff, g = rgb >> 8 & 0xff, b = rgb & 0xff;
        return r < 100 && g < 100 && b < 100;
    }

    /** What the label strip of cell i holds: [has red, has dark]. */
    private static boolean[] labelStrip(BufferedImage img, int i, int cols) {
        int cellW = 28 * DigitGrid.SCALE < 90 ? 90 : 28 * DigitGrid.SCALE, cellH = 28 * DigitGrid.SCALE + DigitGrid.LABEL;
        int x0 = DigitGrid.MARGIN + (i % cols) * (cellW + DigitGrid.GAP), y0 = DigitGrid.HEADER + (i / cols) * (cellH + DigitGrid.GAP);
        boolean red = false, dark = false;
        for (int y = y0 + 28 * DigitGrid.SCALE; y < y0 + cellH; y++) {
            for (int x = x0; x < x0 + cellW; x++) {
                red |= reddish(img.getRGB(x, y));
                dark |= dark(img.getRGB(x, y));
            }
        }
        return new boolean[] {red, dark};
    }

    @Test
    void wrongPredictionsAreRedAndRightOnesBlack(@TempDir Path dir) throws Exception {
        NDArray images = squares(6);
        // scores (n, 10) as model.predict gives: predicted 0..5; true labels differ at 2 and 5
        float[] scores = new float[60];
        for (int i = 0; i < 6; i++) scores[i * 10 + i] = 0.9f;
        NDArray predicted = NDArray.of(scores, 6, 10);
        NDArray truth = NDArray.of(new float[] {0, 1, 9, 3, 4, 2}, 6);
        Path png = Plots.digits(images, predicted, truth).savePng(dir.resolve("out/digits.png"));
        BufferedImage img = ImageIO.read(png.toFile());
        int cols = 3, rows = 2; // ceil(sqrt(6)) columns
        int cellW = 90, cellH = 84 + DigitGrid.LABEL;
        assertEquals(2 * DigitGrid.MARGIN + cols * cellW + (cols - 1) * DigitGrid.GAP, img.getWidth());
        assertEquals(DigitGrid.HEADER + DigitGrid.MARGIN + rows * cellH + (rows - 1) * DigitGrid.GAP, img.getHeight());
        for (int i = 0; i < 6; i++) {
            boolean[] strip = labelStrip(img, i, cols);
            boolean wrong = i == 2 || i == 5;
            assertEquals(wrong, strip[0], "cell " + i + (wrong ? " must have a red label" : " must not be red"));
            if (!wrong) assertTrue(strip[1], "cell " + i + " has a black label");
            // the image: white at its centre, black at its corner (3 pixels a pixel, centred in the cell)
            int ix = DigitGrid.MARGIN + (i % cols) * (cellW + DigitGrid.GAP) + (cellW - 84) / 2;
            int iy = DigitGrid.HEADER + (i / cols) * (cellH + DigitGrid.GAP);
            assertEquals(0xffffff, img.getRGB(ix + 14 * 3 + 1, iy + 14 * 3 + 1) & 0xffffff, "cell " + i + " centre");
            assertEquals(0x000000, img.getRGB(ix + 1, iy + 1) & 0xffffff, "cell " + i + " corner");
        }
    }

    @Test
    void withoutTrueLabelsNothingIsRedAndCountLimitsTheGrid(@TempDir Path dir) throws Exception {
        NDArray images = NDArray.of(squares(30).toFloatArray(), 30, 784); // flat rows, as an MLP takes them
        NDArray ids = NDArray.of(new float[30], 30);
        ImageFigure f = Plots.digits(images, ids, null, 4);
        BufferedImage img = ImageIO.read(f.savePng(dir.resolve("d.png")).toFile());
        assertEquals(f.width(), img.getWidth());
        assertEquals(2 * DigitGrid.MARGIN + 2 * 90 + DigitGrid.GAP, img.getWidth()); // 4 images: 2 x 2
        for (int i = 0; i < 4; i++) assertFalse(labelStrip(img, i, 2)[0]);
        assertEquals(2 * DigitGrid.MARGIN + 5 * 90 + 4 * DigitGrid.GAP, Plots.digits(images, ids, ids).width()); // default 25: 5 x 5
    }

    @Test
    void shapesThatDoNotFitAreNamed() {
        NDArray images = squares(3);
        String m = assertThrows(IllegalArgumentException.class,
                () -> Plots.digits(images, NDArray.of(new float[4], 4), null)).getMessage();
        assertTrue(m.contains("(4)") || m.contains("(4,)"), m);
        assertTrue(m.contains("(3, 28, 28)"), m);
        assertThrows(IllegalArgumentException.class, () -> Plots.digits(NDArray.of(new float[30], 3, 10), NDArray.of(new float[3], 3), null));
        assertThrows(IllegalArgumentException.class, () -> Plots.digits(images, NDArray.of(new float[] {0, 1.5f, 2}, 3), null));
    }
}
