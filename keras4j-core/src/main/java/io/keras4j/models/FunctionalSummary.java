package io.keras4j.models;

import io.keras4j.KerasTensor;
import io.keras4j.NDArray;
import io.keras4j.layers.Layer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code model.summary()} of a functional model in Keras 3's layout: Layer (type), Output Shape,
 * Param # and "Connected to" ({@code layer[node][tensor]} of each inbound tensor, {@code -} for
 * inputs), one row per input and per layer (a shared layer once, with every call's inputs), long
 * cells wrapped onto further lines as rich wraps them.
 */
final class FunctionalSummary {
    private static final int[] WIDTHS = {31, 24, 12, 33};

    private FunctionalSummary() {}

    static void print(Functional model, PrintStream out, boolean unicode) {
        out.println("Model: \"" + model.name() + "\"");
        out.println(unicode ? rule('\u250f', '\u2501', '\u2533', '\u2513') : rule('+', '-', '-', '+'));
        out.println(row(unicode ? '\u2503' : '|', List.of("Layer (type)", "Output Shape", "Param #", "Connected to")));
        out.println(unicode ? rule('\u2521', '\u2501', '\u2547', '\u2529') : rule('|', '-', '+', '|'));
        // node index of each tensor: the how-manieth call of its producer
        Map<KerasTensor, Integer> nodeIndex = new IdentityHashMap<>();
        Map<Object, Integer> calls = new IdentityHashMap<>();
        Map<Object, List<KerasTensor>> byProducer = new LinkedHashMap<>();
        for (KerasTensor t : model.inputs()) byProducer.put(t, List.of(t));
        Map<Object, Integer> callIndex = new IdentityHashMap<>(); // the outputs of one call share its node index
        for (KerasTensor t : model.nodes()) {
            Integer known = callIndex.get(t.call());
            if (known == null) {
                known = calls.merge(t.producer(), 1, Integer::sum) - 1;
                callIndex.put(t.call(), known);
                byProducer.computeIfAbsent(t.producer(), k -> new ArrayList<>()).add(t);
            }
            nodeIndex.put(t, known);
        }
        long total = 0, trainable = 0;
        int i = 0;
        for (Map.Entry<Object, List<KerasTensor>> en : byProducer.entrySet()) {
            Object p = en.getKey();
            KerasTensor first = en.getValue().get(0);
            String type, params = "0", connected;
            if (p instanceof KerasTensor in) {
                type = in.name() + " (InputLayer)";
                connected = "-";
            } else {
                List<String> links = new ArrayList<>();
                for (KerasTensor t : en.getValue()) {
                    for (KerasTensor src : t.inputs()) links.add(src.name() + "[" + nodeIndex.getOrDefault(src, 0) + "][" + src.index() + "]");
                }
                connected = String.join(", ", links);
                long count = 0, tr = 0;
                List<Layer> ls = p instanceof Functional f ? f.allLayers() : List.of((Layer) p);
                for (Layer l : ls) {
                    count += l.countParams();
                    for (var v : l.weights()) if (v.trainable() && !v.frozen()) tr += v.size();
                }
                total += count;
                trainable += tr;
                params = String.format(Locale.ROOT, "%,d", count);
                String cls = p instanceof Functional ? "Functional" : p.getClass().getSimpleName();
                type = first.name() + " (" + cls + ")";
            }
            out.println(row(unicode ? '\u2502' : '|', List.of(type, NDArray.shapeString(Layer.withBatch(first.shape())), params, connected)));
            if (++i < byProducer.size()) out.println(unicode ? rule('\u251c', '\u2500', '\u253c', '\u2524') : rule('|', '-', '+', '|'));
        }
        out.println(unicode ? rule('\u2514', '\u2500', '\u2534', '\u2518') : rule('+', '-', '-', '+'));
        out.println(" Total params: " + count(total));
        out.println(" Trainable params: " + count(trainable));
        out.println(" Non-trainable params: " + count(total - trainable));
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n) + " (" + Summary.memory(n * 4) + ")";
    }

    private static String rule(char left, char fill, char mid, char right) {
        StringBuilder sb = new StringBuilder().append(left);
        for (int c = 0; c < WIDTHS.length; c++) {
            sb.append(String.valueOf(fill).repeat(WIDTHS[c]));
            sb.append(c < WIDTHS.length - 1 ? mid : right);
        }
        return sb.toString();
    }

    /** One table row, each cell wrapped at its width (at ", " or spaces where it can), on as many lines as needed. */
    private static String row(char bar, List<String> cells) {
        List<List<String>> wrapped = new ArrayList<>();
        int lines = 1;
        for (int c = 0; c < cells.size(); c++) {
            List<String> w = wrap(cells.get(c), WIDTHS[c] - 2);
            wrapped.add(w);
            lines = Math.max(lines, w.size());
        }
        StringBuilder sb = new StringBuilder();
        for (int ln = 0; ln < lines; ln++) {
            if (ln > 0) sb.append(System.lineSeparator());
            sb.append(bar);
            for (int c = 0; c < cells.size(); c++) {
                String v = ln < wrapped.get(c).size() ? wrapped.get(c).get(ln) : "";
                int w = WIDTHS[c] - 2;
                String padded = c == 2 ? " ".repeat(w - v.length()) + v : v + " ".repeat(w - v.length());
                sb.append(' ').append(padded).append(' ').append(bar);
            }
        }
        return sb.toString();
    }

    private static List<String> wrap(String s, int w) {
        List<String> out = new ArrayList<>();
        while (s.length() > w) {
            int cut = s.lastIndexOf(' ', w);
            if (cut <= 0) cut = w;
            out.add(s.substring(0, cut).stripTrailing());
            s = s.substring(cut).stripLeading();
        }
        out.add(s);
        return out;
    }
}
