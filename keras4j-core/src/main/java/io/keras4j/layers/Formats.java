package io.keras4j.layers;

import io.keras4j.NDArray;
import java.util.ArrayList;
import java.util.List;

/** Argument checks and config forms the image layers share (package-private helpers). */
final class Formats {
    private Formats() {}

    static final String CHANNELS_LAST = "channels_last", CHANNELS_FIRST = "channels_first";

    /** Keras's {@code data_format}: null means the default, {@code "channels_last"}. */
    static String dataFormat(String layer, String f) {
        if (f == null) return CHANNELS_LAST;
        String s = f.toLowerCase(java.util.Locale.ROOT);
        if (!s.equals(CHANNELS_LAST) && !s.equals(CHANNELS_FIRST)) {
            throw new IllegalArgumentException(layer + ": data_format must be \"channels_last\" or \"channels_first\", got \"" + f + "\"");
        }
        return s;
    }

    static String padding(String layer, String p) {
        String s = p == null ? "" : p.toLowerCase(java.util.Locale.ROOT);
        if (!s.equals("valid") && !s.equals("same")) {
            throw new IllegalArgumentException(layer + ": padding must be \"valid\" or \"same\", got " + (p == null ? "null" : "\"" + p + "\""));
        }
        return s;
    }

    /** {@code v}, or {@code dflt} when v is empty (a varargs constructor called with no values). */
    static int[] orDefault(int[] v, int... dflt) {
        return v != null && v.length == 0 ? dflt : v;
    }

    /** A tuple of {@code n} values from one value (every dimension) or n values; each >= min. */
    static int[] tuple(String layer, String arg, int n, int min, int... v) {
        if (v == null || (v.length != 1 && v.length != n)) {
            throw new IllegalArgumentException(layer + ": " + arg + " takes 1 or " + n + " integers, got "
                    + (v == null ? "null" : java.util.Arrays.toString(v)));
        }
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = v.length == 1 ? v[0] : v[i];
            if (t[i] < min) throw new IllegalArgumentException(layer + ": " + arg + " must be >= " + min + ", got " + java.util.Arrays.toString(v));
        }
        return t;
    }

    static List<Integer> list(int... v) {
        List<Integer> l = new ArrayList<>();
        for (int x : v) l.add(x);
        return List.copyOf(l);
    }

    /** ((a, b), (c, d)) of a flat {a, b, c, d}. */
    static List<List<Integer>> pairs(int[] v) {
        List<List<Integer>> l = new ArrayList<>();
        for (int i = 0; i < v.length; i += 2) l.add(list(v[i], v[i + 1]));
        return List.copyOf(l);
    }

    /** A config value that is an int, a list of ints, or a list of pairs, flattened. */
    static int[] flatInts(String layer, String key, Object v) {
        List<Integer> out = new ArrayList<>();
        flatten(layer, key, v, out);
        int[] r = new int[out.size()];
        for (int i = 0; i < r.length; i++) r[i] = out.get(i);
        return r;
    }

    private static void flatten(String layer, String key, Object v, List<Integer> out) {
        if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            if (d != Math.rint(d)) throw new IllegalArgumentException(layer + " config '" + key + "' must hold integers, got " + v);
            out.add((int) d);
        } else if (v instanceof int[]) {
            for (int x : (int[]) v) out.add(x);
        } else if (v instanceof List) {
            for (Object o : (List<?>) v) flatten(layer, key, o, out);
        } else {
            throw new IllegalArgumentException(layer + " config '" + key + "' must hold integers, got " + v);
        }
    }

    /** {@code "expected input of rank 4 (None, h, w, channels), got (None, 4)"} for layer {@code who}. */
    static IllegalArgumentException rank(String who, int rankWithBatch, String form, int[] got) {
        return new IllegalArgumentException(who + ": expected input of rank " + rankWithBatch + " " + form + ", got "
                + NDArray.shapeString(Layer.withBatch(got)));
    }

    static int[] withoutFirst(int[] s) {
        return java.util.Arrays.copyOfRange(s, 1, s.length);
    }
}
