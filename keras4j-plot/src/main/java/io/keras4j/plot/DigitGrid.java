package io.keras4j.plot;

import io.keras4j.NDArray;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Draws {@link Plots#digits}: grayscale images in a grid, each with its predicted label below. */
final class DigitGrid {
    static final int SCALE = 3, LABEL = 22, GAP = 8, MARGIN = 12, HEADER = 30;
    static final Color WRONG = new Color(0xd62728), RIGHT = Color.BLACK;

    private DigitGrid() {}

    static ImageFigure draw(NDArray images, NDArray predicted, NDArray trueLabels, int count) {
        if (images == null) throw new IllegalArgumentException("digits: images must not be null");
        int[] s = images.shape();
        int n = s.length == 0 ? 0 : s[0];
        int h, w;
        if (s.length == 3 || (s.length == 4 && s[3] == 1)) {
            h = s[1];
            w = s[2];
        } else if (s.length == 2 && isSquare(s[1])) {
            h = w = (int) Math.round(Math.sqrt(s[1]));
        } else {
            throw new IllegalArgumentException("digits: images must have shape (n, h, w), (n, h, w, 1) or (n, h*w) with a square h*w, got "
                    + NDArray.shapeString(s));
        }
        if (count < 1) throw new IllegalArgumentException("digits: count must be >= 1, got " + count);
        int[] pred = classIds("predicted", predicted, n, s);
        int[] truth = trueLabels == null ? null : classIds("trueLabels", trueLabels, n, s);
        int shown = Math.min(count, n);
        if (shown == 0) throw new IllegalArgumentException("digits: no images to show (shape " + NDArray.shapeString(s) + ")");
        int cols = (int) Math.ceil(Math.sqrt(shown)), rows = (shown + cols - 1) / cols;
        int cellW = Math.max(w * SCALE, 90), cellH = h * SCALE + LABEL;
        int width = 2 * MARGIN + cols * cellW + (cols - 1) * GAP;
        int height = HEADER + MARGIN + rows * cellH + (rows - 1) * GAP;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            float[] px = images.toFloatArray();
            int wrong = 0;
            for (int i = 0; i < shown; i++) if (truth != null && truth[i] != pred[i]) wrong++;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
            g.setColor(Color.BLACK);
            String title = truth == null ? "Predicted labels" : "Predicted labels: " + wrong + " of " + shown + " wrong (red: true label in brackets)";
            centre(g, title, 0, width, HEADER - 8);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            for (int i = 0; i < shown; i++) {
                int x0 = MARGIN + (i % cols) * (cellW + GAP), y0 = HEADER + (i / cols) * (cellH + GAP);
                int ix = x0 + (cellW - w * SCALE) / 2;
                drawImage(img, px, i * h * w, h, w, ix, y0);
                boolean bad = truth != null && truth[i] != pred[i];
                g.setColor(bad ? WRONG : RIGHT);
                centre(g, bad ? pred[i] + " (true " + truth[i] + ")" : String.valueOf(pred[i]), x0, x0 + cellW, y0 + h * SCALE + LABEL - 5);
            }
        } finally {
            g.dispose();
        }
        return new ImageFigure(img);
    }

    /** Grey levels from the image's own min (black) to max (white), as matplotlib's imshow(cmap="gray"). */
    private static void drawImage(BufferedImage img, float[] px, int off, int h, int w, int x0, int y0) {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < h * w; k++) {
            float v = px[off + k];
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        float range = hi > lo ? hi - lo : 1;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                float v = px[off + r * w + c];
                int grey = Float.isFinite(v) ? Math.round(255 * Math.min(1, Math.max(0, (v - lo) / range))) : 0;
                int rgb = grey << 16 | grey << 8 | grey;
                for (int a = 0; a < SCALE; a++) for (int b = 0; b < SCALE; b++) img.setRGB(x0 + c * SCALE + b, y0 + r * SCALE + a, rgb);
            }
        }
    }

    private static void centre(Graphics2D g, String text, int x0, int x1, int baseline) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, x0 + (x1 - x0 - fm.stringWidth(text)) / 2, baseline);
    }

    private static boolean isSquare(int v) {
        int r = (int) Math.round(Math.sqrt(v));
        return v > 0 && r * r == v;
    }

    /** (n,) whole class ids, or (n, k) scores / one-hot rows (argmax). */
    private static int[] classIds(String what, NDArray labels, int n, int[] imagesShape) {
        if (labels == null) throw new IllegalArgumentException("digits: " + what + " must not be null");
        int[] ls = labels.shape();
        if (ls.length == 0 || ls.length > 2 || ls[0] != n || (ls.length == 2 && ls[1] < 1)) {
            throw new IllegalArgumentException("digits: " + what + " of shape " + NDArray.shapeString(ls) + " do not match images of shape "
                    + NDArray.shapeString(imagesShape) + " (expected (" + n + ",) class ids or (" + n + ", k) scores)");
        }
        float[] v = ls.length == 2 && ls[1] > 1 ? labels.argmax(1).toFloatArray() : labels.toFloatArray();
        int[] ids = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0) || v[i] != Math.rint(v[i])) {
                throw new IllegalArgumentException("digits: " + what + " " + v[i] + " at row " + i + " is not a class id (a whole number >= 0)");
            }
            ids[i] = (int) v[i];
        }
        return ids;
    }
}
