package io.keras4j.layers;

import io.keras4j.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keras's {@code conv_utils} for the convolution layers: tuple arguments, padding, output lengths.
 * <pre>
 * effective kernel  ke = (k - 1) * d + 1
 * "valid"   out = floor((n - ke) / s) + 1                     no padding
 * "same"    out = ceil(n / s);   total = max((out - 1) * s + ke - n, 0), total / 2 before, the rest after
 * "causal"  out = ceil(n / s);   (k - 1) * d before (1-D only)
 * </pre>
 */
final class ConvArgs {
    private ConvArgs() {}

    /** A tuple argument of {@code rank} values: one value applies to every dimension, as in Keras. */
    static int[] tuple(String who, String arg, int rank, int[] v, int min) {
        if (v == null || (v.length != 1 && v.length != rank)) {
            throw new IllegalArgumentException(who + ": `" + arg + "` must be an integer or a tuple of " + rank
                    + " integers, got " + (v == null ? "null" : NDArray.shapeString(v)));
        }
        int[] r = new int[rank];
        for (int i = 0; i < rank; i++) {
            r[i] = v.length == 1 ? v[0] : v[i];
            if (r[i] < min) {
                throw new IllegalArgumentException(who + ": `" + arg + "` values must be >= " + min + ", got "
                        + NDArray.shapeString(v));
            }
        }
        return r;
    }

    static String padding(String who, String padding, boolean causalAllowed) {
        String p = padding == null ? "" : padding.toLowerCase(Locale.ROOT);
        if (p.equals("valid") || p.equals("same") || (causalAllowed && p.equals("causal"))) return p;
        throw new IllegalArgumentException(who + ": `padding` must be one of \"valid\", \"same\""
                + (causalAllowed ? ", \"causal\"" : "") + ", got \"" + padding + "\"");
    }

    static String dataFormat(String who, String format) {
        String f = format == null ? "channels_last" : format.toLowerCase(Locale.ROOT);
        if (f.equals("channels_last") || f.equals("channels_first")) return f;
        throw new IllegalArgumentException(who + ": `data_format` must be \"channels_last\" or \"channels_first\", got \""
                + format + "\"");
    }

    /** The output length along one axis, or a value < 1 when the kernel does not fit ("valid"). */
    static int outLength(int n, int k, int s, int d, String padding) {
        int ke = (k - 1) * d + 1;
        if (padding.equals("valid")) return n < ke ? 0 : (n - ke) / s + 1;
        return (n + s - 1) / s;
    }

    /** The padding before the input along one axis. */
    static int padBefore(int n, int k, int s, int d, String padding) {
        int ke = (k - 1) * d + 1;
        switch (padding) {
            case "same": return Math.max(((n + s - 1) / s - 1) * s + ke - n, 0) / 2;
            case "causal": return ke - 1;
            default: return 0;
        }
    }

    /** A tuple as Keras's config holds it (a list, which prints as {@code [3, 3]}). */
    static List<Integer> list(int[] v) {
        List<Integer> l = new ArrayList<>(v.length);
        for (int x : v) l.add(x);
        return l;
    }

    /** {@code (3, 3)}-style tuple text for messages. */
    static String text(int[] v) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) b.append(i == 0 ? "" : ", ").append(v[i]);
        return b.append(v.length == 1 ? ",)" : ")").toString();
    }
}
