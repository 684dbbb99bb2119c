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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notebook's three figures saved as PNG and SVG, and the errors for labels that do not fit. */
class PlotsTest {
    private static final int BLUE = 0x1f77b4, ORANGE = 0xff7f0e;

    static NDArray xorLabels(NDArray x) {
        int n = x.shape()[0];
        float[] y = new float[n * 2];
        for (int i = 0; i < n; i++) y[i * 2 + (x.get(i, 0) * x.get(i, 1) > 0 ? 0 : 1)] = 1;
        return NDArray.of(y, n, 2);
    }

    static History history(int epochs) {
        History h = new History();
        for (int e = 0; e < epochs; e++) {
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("accuracy", 0.5 + 0.4 * e / epochs);
            logs.put("loss", 1.0 / (e + 1));
            h.onEpochEnd(e, logs);
        }
        return h;
    }

    /** The distinct colours of a PNG, sampled every other pixel. */
    static Set<Integer> colours(Path png) throws Exception {
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img != null && img.getWidth() > 0 && img.getHeight() > 0, "a readable PNG: " + png);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) for (int x = 0; x < img.getWidth(); x += 2) colours.add(img.getRGB(x, y) & 0xffffff);
        return colours;
    }

    static void assertSvg(Path svg) throws Exception {
        String s = Files.readString(svg);
        assertTrue(s.startsWith("<?xml") || s.contains("<svg"), s.substring(0, Math.min(200, s.length())));
    }

    @Test
    void trainingDataScatterIsAPngWithBothClassColoursAndAnSvg(@TempDir Path dir) throws Exception {
        Utils.setRandomSeed(1);
        NDArray x = NDArray.randn(500, 2);
        Figure f = Plots.scatterByClass(x, xorLabels(x), "Training data");
        Path png = f.savePng(dir.resolve("sub/deeper/train.png"));
        assertEquals(dir.resolve("sub/deeper/train.png").toAbsolutePath(), png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(Plots.WIDTH, img.getWidth());
        assertEquals(Plots.HEIGHT, img.getHeight());
        Set<Integer> colours = colours(png);
        assertTrue(colours.contains(BLUE) && colours.contains(ORANGE), "both class colours are drawn");
        assertSvg(f.saveSvg(dir.resolve("sub/deeper/train.svg")));
        try (var files = Files.list(png.getParent())) {
            assertEquals(2, files.count(), "no temporary file is left beside the figures");
        }
    }

    @Test
    void classIdLabelsGiveTheSameColoursAsOneHotRows(@TempDir Path dir) throws Exception {
        Utils.setRandomSeed(2);
        NDArray x = NDArray.randn(300, 2);
        NDArray ids = xorLabels(x).argmax(1); // (n,) class ids
        Set<Integer> c = colours(Plots.scatterByClass(x, ids, "ids").savePng(dir.resolve("ids.png")));
        assertTrue(c.contains(BLUE) && c.contains(ORANGE));
        Set<Integer> c1 = colours(Plots.scatterByClass(x, ids.reshape(300, 1), "ids").savePng(dir.resolve("ids1.png")));
        assertTrue(c1.contains(BLUE) && c1.contains(ORANGE));
    }

    @Test
    void predictionsScatterTakesProbabilities(@TempDir Path dir) throws Exception {
        Utils.setRandomSeed(3);
        NDArray x = NDArray.randn(400, 2);
        float[] p = new float[800], sig = new float[400];
        for (int i = 0; i < 400; i++) {
            float q = x.get(i, 0) * x.get(i, 1) > 0 ? 0.9f : 0.2f; // a softmax-like (n, 2) and a sigmoid-like (n, 1)
            p[2 * i] = q;
            p[2 * i + 1] = 1 - q;
            sig[i] = 1 - q;
        }
        Figure f = Plots.scatterByClass(x, NDArray.of(p, 400, 2), "Predictions");
        Set<Integer> c = colours(f.savePng(dir.resolve("pred.png")));
        assertTrue(c.contains(BLUE) && c.contains(ORANGE), "both predicted classes are drawn");
        assertSvg(f.saveSvg(dir.resolve("pred.svg")));
        Set<Integer> cs = colours(Plots.scatterByClass(x, NDArray.of(sig, 400, 1), "sigmoid").savePng(dir.resolve("sig.png")));
        assertTrue(cs.contains(BLUE) && cs.contains(ORANGE), "(n, 1) probabilities split at 0.5");
    }

    @Test
    void historyIsSavedAsPngAndSvg(@TempDir Path dir) throws Exception {
        History h = history(20);
        Figure loss = Plots.history(h, "loss");
        Set<Integer> c = colours(loss.savePng(dir.resolve("loss.png")));
        assertTrue(c.contains(BLUE), "the loss line is drawn");
        assertSvg(loss.saveSvg(dir.resolve("loss.svg")));
        Set<Integer> all = colours(Plots.history(h).savePng(dir.resolve("all.png")));
        assertTrue(all.contains(BLUE) && all.contains(ORANGE), "one line per key");
        assertSvg(Plots.history(h).saveSvg(dir.resolve("all.svg")));
    }

    @Test
    void historyOfADivergedRunStillSaves(@TempDir Path dir) throws Exception {
        History h = new History();
        h.onEpochEnd(0, Map.of("loss", 0.7));
        h.onEpochEnd(1, Map.of("loss", Double.POSITIVE_INFINITY));
        h.onEpochEnd(2, Map.of("loss", Double.NaN));
        assertTrue(Files.size(Plots.history(h).savePng(dir.resolve("diverged.png"))) > 0);
    }

    @Test
    void unknownHistoryKeyNamesTheKnownOnes() {
        String m = assertThrows(IllegalArgumentException.class, () -> Plots.history(history(3), "val_loss")).getMessage();
        assertTrue(m.contains("val_loss") && m.contains("loss") && m.contains("accuracy"), m);
    }

    @Test
    void mismatchedShapesNameBoth() {
        NDArray x = NDArray.randn(10, 2);
        String m = assertThrows(IllegalArgumentException.class, () -> Plots.scatterByClass(x, NDArray.zeros(9), "t")).getMessage();
        assertTrue(m.contains("(9,)") && m.contains("(10, 2)"), m);
        String m1 = assertThrows(IllegalArgumentException.class, () -> Plots.scatterByClass(x, NDArray.zeros(9, 2), "t")).getMessage();
        assertTrue(m1.contains("(9, 2)") && m1.contains("(10, 2)"), m1);
        String m2 = assertThrows(IllegalArgumentException.class, () -> Plots.scatterByClass(NDArray.randn(10, 3), NDArray.zeros(10), "t")).getMessage();
        assertTrue(m2.contains("(10, 3)") && m2.contains("(10,)"), m2);
        String m3 = assertThrows(IllegalArgumentException.class, () -> Plots.scatterByClass(NDArray.randn(10), NDArray.zeros(10), "t")).getMessage();
        assertTrue(m3.contains("(10,)") && m3.contains("(n, 2)"), m3);
    }

    @Test
    void labelsThatAreNotClassesAreRejected() {
        NDArray x = NDArray.randn(3, 2);
        String m = assertThrows(IllegalArgumentException.class,
                () -> Plots.scatterByClass(x, NDArray.of(new float[] {0, -1, 1}, 3), "t")).getMessage();
        assertTrue(m.contains("-1.0") && m.contains("row 1"), m);
        assertThrows(IllegalArgumentException.class, () -> Plots.scatterByClass(x, NDArray.of(new float[] {0, 0.5f, 1}, 3), "t"));
        assertThrows(IllegalArgumentException.class, () -> Plots.scatterByClass(x, NDArray.of(new float[] {0, 1.5f, 1}, 3, 1), "t"));
    }

    @Test
    void tickLabelsAreShortAndEpochLabelsSparse() {
        assertEquals("0.05", Plots.tickLabel(0.05));
        assertEquals("0.15", Plots.tickLabel(0.15000000000000002));
        assertEquals("120", Plots.tickLabel(120.0));
        assertEquals("0", Plots.tickLabel(-0.0));
        assertEquals("-2.5", Plots.tickLabel(-2.5));
        assertEquals(1, Plots.epochStep(1));
        assertEquals(1, Plots.epochStep(10));
        assertEquals(2, Plots.epochStep(12));
        assertEquals(20, Plots.epochStep(200));
        assertEquals(50, Plots.epochStep(500));
    }
}
