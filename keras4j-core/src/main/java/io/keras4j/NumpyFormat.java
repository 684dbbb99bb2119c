package io.keras4j;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * numpy's {@code repr} for float32 arrays (numpy 1.14+ defaults): {@code floatmode='maxprec'},
 * precision 8, line width 75, summarisation above 1000 elements with 3 edge items.
 * Values are printed with the fewest digits that identify the float32 (at most 8 after the point),
 * aligned on the decimal point; scientific notation is used when numpy would use it
 * (a magnitude >= 1e8, or a non-zero one < 1e-4, or a max/min ratio > 1e3).
 */
final class NumpyFormat {
    private static final int LINE_WIDTH = 75;
    private static final int THRESHOLD = 1000;
    private static final int EDGE = 3;
    private static final String PREFIX = "array(";

    private NumpyFormat() {}

    static String repr(float[] data, int[] shape) {
        if (shape.length == 0) return PREFIX + new Formatter(data).format(data[0]) + ", dtype=float32)";
        boolean summarise = data.length > THRESHOLD;
        List<Float> shown = new ArrayList<>();
        collect(data, shape, 0, 0, summarise, shown);
        float[] vals = new float[shown.size()];
        for (int i = 0; i < vals.length; i++) vals[i] = shown.get(i);
        Formatter f = new Formatter(vals);
        StringBuilder sb = new StringBuilder(PREFIX);
        if (data.length == 0) {
            sb.append("[]");
            if (shape.length > 1 || shape[0] != 0) sb.append(", shape=").append(NDArray.shapeString(shape));
        } else {
            block(sb, data, shape, 0, 0, summarise, f, PREFIX.length());
        }
        return sb.append(", dtype=float32)").toString();
    }

    private static int stride(int[] shape, int axis) {
        int s = 1;
        for (int d = axis + 1; d < shape.length; d++) s *= shape[d];
        return s;
    }

    private static void collect(float[] data, int[] shape, int axis, int off, boolean sum, List<Float> out) {
        int n = shape[axis], st = stride(shape, axis);
        for (int i = 0; i < n; i++) {
            if (sum && n > 2 * EDGE && i == EDGE) i = n - EDGE;
            if (axis == shape.length - 1) out.add(data[off + i]);
            else collect(data, shape, axis + 1, off + i * st, sum, out);
        }
    }

    /** Appends the nested list for {@code axis}; {@code indent} is the column of its opening bracket. */
    private static void block(StringBuilder sb, float[] data, int[] shape, int axis, int off,
                              boolean sum, Formatter f, int indent) {
        int n = shape[axis], st = stride(shape, axis);
        sb.append('[');
        if (axis == shape.length - 1) {
            int col = indent + 1;
            for (int i = 0; i < n; i++) {
                String s;
                if (sum && n > 2 * EDGE && i == EDGE) {
                    s = "...";
                    i = n - EDGE - 1;
                } else {
                    s = f.format(data[off + i]);
                }
                boolean last = i == n - 1;
                // numpy breaks the line when the element and its separator would pass the width
                int need = s.length() + (last ? 1 : 1);
                if (col + need > LINE_WIDTH && col > indent + 1) {
                    trimTrailing(sb);
                    sb.append('\n').append(" ".repeat(indent + 1));
                    col = indent + 1;
                }
                sb.append(s);
                col += s.length();
                if (!last) {
                    sb.append(", ");
                    col += 2;
                }
            }
        } else {
            int blank = shape.length - axis - 2; // numpy puts blank lines between blocks of rank >= 3
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append(",\n");
                    for (int b = 0; b < blank; b++) sb.append('\n');
                    sb.append(" ".repeat(indent + 1));
                }
                if (sum && n > 2 * EDGE && i == EDGE) {
                    sb.append("...");
                    i = n - EDGE - 1;
                    continue;
                }
                block(sb, data, shape, axis + 1, off + i * st, sum, f, indent + 1);
            }
        }
        sb.append(']');
    }

    private static void trimTrailing(StringBuilder sb) {
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == ' ') sb.setLength(sb.length() - 1);
    }

    /** Decides the common layout of all shown values, then formats each. */
    private static final class Formatter {
        private final boolean exp;
        private int padLeft, padRight;

        Formatter(float[] vals) {
            double max = 0, min = Double.POSITIVE_INFINITY;
            boolean any = false;
            for (float v : vals) {
                if (!Float.isFinite(v) || v == 0) continue;
                double a = Math.abs(v);
                max = Math.max(max, a);
                min = Math.min(min, a);
                any = true;
            }
            exp = any && (max >= 1e8 || min < 1e-4 || max / min > 1e3);
            for (float v : vals) {
                if (!Float.isFinite(v)) {
                    padLeft = Math.max(padLeft, special(v).length());
                    continue;
                }
                String[] p = parts(v);
                padLeft = Math.max(padLeft, p[0].length());
                padRight = Math.max(padRight, p[1].length());
            }
        }

        String format(float v) {
            if (!Float.isFinite(v)) {
                String s = special(v);
                return " ".repeat(Math.max(0, padLeft - s.length())) + s + " ".repeat(padRight + 1);
            }
            String[] p = parts(v);
            StringBuilder sb = new StringBuilder();
            sb.append(" ".repeat(padLeft - p[0].length())).append(p[0]).append('.');
            if (exp) {
                sb.append(p[1]).append("0".repeat(padRight - p[1].length())).append(p[2]);
            } else {
                sb.append(p[1]).append(" ".repeat(padRight - p[1].length()));
            }
            return sb.toString();
        }

        private static String special(float v) {
            return Float.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
        }

        /** {integer part with sign, fraction digits, exponent suffix}. */
        private String[] parts(float v) {
            BigDecimal d = new BigDecimal(Float.toString(v)); // shortest repr that round-trips float32
            boolean neg = v < 0 || (v == 0 && 1 / v < 0);
            if (exp) {
                String s = sci(d.abs());
                int e = s.indexOf('E');
                String mant = s.substring(0, e);
                int exponent = Integer.parseInt(s.substring(e + 1));
                int dot = mant.indexOf('.');
                String ip = dot < 0 ? mant : mant.substring(0, dot);
                String fp = dot < 0 ? "" : mant.substring(dot + 1);
                if (fp.length() > 8) {
                    BigDecimal m = new BigDecimal(mant).setScale(8, RoundingMode.HALF_EVEN).stripTrailingZeros();
                    String ms = m.toPlainString();
                    int dd = ms.indexOf('.');
                    ip = dd < 0 ? ms : ms.substring(0, dd);
                    fp = dd < 0 ? "" : ms.substring(dd + 1);
                }
                String es = (exponent < 0 ? "e-" : "e+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
                return new String[] {(neg ? "-" : "") + ip, fp, es};
            }
            BigDecimal a = d.abs();
            if (a.scale() > 8) a = a.setScale(8, RoundingMode.HALF_EVEN);
            a = a.stripTrailingZeros();
            String s = a.toPlainString();
            int dot = s.indexOf('.');
            String ip = dot < 0 ? s : s.substring(0, dot);
            String fp = dot < 0 ? "" : s.substring(dot + 1);
            return new String[] {(neg ? "-" : "") + ip, fp, ""};
        }

        private static String sci(BigDecimal a) {
            if (a.signum() == 0) return "0E+0";
            BigDecimal s = a.stripTrailingZeros();
            int exponent = s.precision() - s.scale() - 1;
            BigDecimal mant = s.movePointLeft(exponent);
            return mant.toPlainString() + "E" + exponent;
        }
    }
}
