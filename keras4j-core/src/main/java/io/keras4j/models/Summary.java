package io.keras4j.models;

import io.keras4j.NDArray;
import io.keras4j.layers.Layer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code model.summary()} in Keras 3's layout: a boxed table of layer (type), output shape and
 * parameter count, then the totals with their size in memory (float32). Where standard output
 * cannot encode the box-drawing characters ({@code LANG=C}), the table is drawn in ASCII as rich
 * (Keras's printer) draws it there: {@code +---+} top and bottom, {@code |} sides,
 * {@code |---+---|} between rows. Weights of a frozen layer count as non-trainable.
 */
final class Summary {
    private static final int[] WIDTHS = {33, 24, 15};

    private Summary() {}

    static void print(Sequential model, PrintStream out) {
        print(model, out, io.keras4j.callbacks.Console.unicode());
    }

    static void print(Sequential model, PrintStream out, boolean unicode) {
        out.println("Model: \"" + model.name() + "\"");
        out.println(unicode ? rule('\u250f', '\u2501', '\u2533', '\u2513') : rule('+', '-', '-', '+'));
        out.println(unicode ? row('\u2503', "Layer (type)", "Output Shape", "Param #") : row('|', "Layer (type)", "Output Shape", "Param #"));
        out.println(unicode ? rule('\u2521', '\u2501', '\u2547', '\u2529') : rule('|', '-', '+', '|'));
        boolean built = model.isBuilt();
        long total = 0, trainable = 0;
        List<Layer> layers = model.layers();
        int[] shape = built ? model.inputShape() : null;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String outShape = "?";
            String params = "0 (unbuilt)";
            if (built) {
                shape = l.computeOutputShape(shape);
                outShape = NDArray.shapeString(Layer.withBatch(shape));
                int p = l.countParams();
                params = String.format(Locale.ROOT, "%,d", p);
                total += p;
                for (var v : l.weights()) if (v.trainable() && !v.frozen()) trainable += v.size();
            }
            out.println(row(unicode ? '\u2502' : '|', l.name() + " (" + l.getClass().getSimpleName() + ")", outShape, params, unicode));
            if (i < layers.size() - 1) out.println(unicode ? rule('\u251c', '\u2500', '\u253c', '\u2524') : rule('|', '-', '+', '|'));
        }
        out.println(unicode ? rule('\u2514', '\u2500', '\u2534', '\u2518') : rule('+', '-', '-', '+'));
        out.println(" Total params: " + count(total));
        out.println(" Trainable params: " + count(trainable));
        out.println(" Non-trainable params: " + count(total - trainable));
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n) + " (" + memory(n * 4) + ")";
    }

    /** Keras's {@code readable_memory_size}: 1024-based units with two decimals. */
    static String memory(double bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        for (String u : units) {
            if (bytes / 1024 < 1) return String.format(Locale.ROOT, "%.2f %s", bytes, u);
            bytes /= 1024;
        }
        return String.format(Locale.ROOT, "%.2f %s", bytes, units[units.length - 1]);
    }

    private static String rule(char left, char fill, char mid, char right) {
        StringBuilder sb = new StringBuilder().append(left);
        for (int c = 0; c < WIDTHS.length; c++) {
            sb.append(String.valueOf(fill).repeat(WIDTHS[c]));
            sb.append(c < WIDTHS.length - 1 ? mid : right);
        }
        return sb.toString();
    }

    private static String row(char bar, String name, String shape, String params) {
        return row(bar, name, shape, params, true);
    }

    private static String row(char bar, String name, String shape, String params, boolean unicode) {
        List<String> cells = new ArrayList<>(List.of(name, shape, params));
        StringBuilder sb = new StringBuilder().append(bar);
        for (int c = 0; c < WIDTHS.length; c++) {
            String v = cells.get(c);
            int w = WIDTHS[c] - 2;
            if (v.length() > w) v = unicode ? v.substring(0, w - 1) + "\u2026" : v.substring(0, w - 3) + "...";
            String padded = c == 2 ? " ".repeat(w - v.length()) + v : v + " ".repeat(w - v.length());
            sb.append(' ').append(padded).append(' ').append(bar);
        }
        return sb.toString();
    }
}
