package io.keras4j.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.utils.Utils;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

    private static NDArray xorLabels(NDArray x) {
        int n = x.shape()[0];
        float[] y = new float[n * 2];
        for (int i = 0; i < n; i++) y[i * 2 + (x.get(i, 0) * x.get(i, 1) > 0 ? 0 : 1)] = 1;
        return NDArray.of(y, n, 2);
    }

    @Test
    void scatterIsAPngWithBothClassColours(@TempDir Path dir) throws Exception {
        Utils.setRandomSeed(1);
        NDArray x = NDArray.randn(500, 2);
        Path png = Plots.scatterByClass(x, xorLabels(x), "Training data").savePng(dir.resolve("sub/train.png"));
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(640, img.getWidth());
        Set<Integer> colours = new HashSet<>();
        for (int yy = 0; yy < img.getHeight(); yy += 2) for (int xx = 0; xx < img.getWidth(); xx += 2) colours.add(img.getRGB(xx, yy) & 0xffffff);
        assertTrue(colours.contains(0x1f77b4) && colours.contains(0xff7f0e), "both class colours are drawn");
        try (var files = Files.list(png.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left beside the figure");
        }
    }

    @Test
    void historyIsSavedAsPngAndSvg(@TempDir Path dir) throws Exception {
        History h = new History();
        for (int e = 0; e < 5; e++) h.onEpochEnd(e, Map.of("loss", 1.0 / (e + 1), "accuracy", 0.5 + e / 10.0));
        Figure f = Plots.history(h, "loss");
        assertTrue(ImageIO.read(f.savePng(dir.resolve("loss.png")).toFile()).getHeight() == 480);
        String svg = Files.readString(f.saveSvg(dir.resolve("loss.svg")));
        assertTrue(svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));
        assertTrue(Files.exists(Plots.history(h).savePng(dir.resolve("all.png"))));
        assertThrows(IllegalArgumentException.class, () -> Plots.history(h, "val_loss"));
    }

    @Test
    void mismatchedShapesNameBoth() {
        NDArray x = NDArray.randn(10, 2);
        String m = assertThrows(IllegalArgumentException.class, () -> Plots.scatterByClass(x, NDArray.zeros(9), "t")).getMessage();
        assertTrue(m.contains("(9,)") && m.contains("(10, 2)"), m);
        String m2 = assertThrows(IllegalArgumentException.class, () -> Plots.scatterByClass(NDArray.randn(10, 3), NDArray.zeros(10), "t")).getMessage();
        assertTrue(m2.contains("(10, 3)"), m2);
    }
}
