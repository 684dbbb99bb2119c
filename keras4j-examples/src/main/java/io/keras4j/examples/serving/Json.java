package io.keras4j.examples.serving;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON (RFC 8259) for the serving example, by hand: keras4j-core has no JSON
 * dependency. {@link #parse} gives {@code Map<String, Object>} for objects, {@code List<Object>}
 * for arrays, {@link Num} for numbers (their text, so a float is parsed from it once, exactly),
 * {@code String}, {@code Boolean} and {@code null}; malformed text throws
 * {@link IllegalArgumentException} with the offset. Writing floats uses {@link Float#toString},
 * the shortest text that reads back as the same float.
 */
public final class Json {
    /** A JSON number, as written. */
    public record Num(String text) {
        public float floatValue() {
            return Float.parseFloat(text);
        }
    }

    private final String s;
    private int i;
    private int depth;
    /** Nesting deeper than this is refused (a request of 10,000 '[' must not overflow the stack). */
    private static final int MAX_DEPTH = 64;

    private Json(String s) {
        this.s = s;
    }

    /** Parses one JSON value filling all of {@code text} (white space around it allowed). */
    public static Object parse(String text) {
        Json p = new Json(text);
        p.space();
        Object v = p.value();
        p.space();
        if (p.i != text.length()) throw p.error("unexpected text after the value");
        return v;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("invalid JSON at offset " + i + ": " + what);
    }

    private void space() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) i++;
    }

    private Object value() {
        if (i >= s.length()) throw error("a value was expected");
        char c = s.charAt(i);
        switch (c) {
            case '{': return object();
            case '[': return array();
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw error("unexpected character '" + c + "'");
        }
    }

    private Object literal(String word, Object v) {
        if (!s.startsWith(word, i)) throw error("unexpected text");
        i += word.length();
        return v;
    }

    private Map<String, Object> object() {
        if (++depth > MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH);
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        space();
        if (i < s.length() && s.charAt(i) == '}') {
            i++;
            depth--;
            return m;
        }
        while (true) {
            space();
            if (i >= s.length() || s.charAt(i) != '"') throw error("a string key was expected");
            String k = string();
            space();
            if (i >= s.length() || s.charAt(i) != ':') throw error("':' was expected");
            i++;
            space();
            m.put(k, value());
            space();
            if (i >= s.length()) throw error("'}' was expected");
            char c = s.charAt(i++);
            if (c == '}') break;
            if (c != ',') throw error("',' or '}' was expected");
        }
        depth--;
        return m;
    }

    private List<Object> array() {
        if (++depth > MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH);
        List<Object> a = new ArrayList<>();
        i++;
        space();
        if (i < s.length() && s.charAt(i) == ']') {
            i++;
            depth--;
            return a;
        }
        while (true) {
            space();
            a.add(value());
            space();
            if (i >= s.length()) throw error("']' was expected");
            char c = s.charAt(i++);
            if (c == ']') break;
            if (c != ',') throw error("',' or ']' was expected");
        }
        depth--;
        return a;
    }

    private String string() {
        StringBuilder b = new StringBuilder();
        i++;
        while (true) {
            if (i >= s.length()) throw error("unterminated string");
            char c = s.charAt(i++);
            if (c == '"') return b.toString();
            if (c < 0x20) throw error("control character in a string");
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length()) throw error("unterminated escape");
            char e = s.charAt(i++);
            switch (e) {
                case '"': b.append('"'); break;
                case '\\': b.append('\\'); break;
                case '/': b.append('/'); break;
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'n': b.append('\n'); break;
                case 'r': b.append('\r'); break;
                case 't': b.append('\t'); break;
                case 'u':
                    if (i + 4 > s.length()) throw error("short \\u escape");
                    try {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    } catch (NumberFormatException x) {
                        throw error("bad \\u escape");
                    }
                    i += 4;
                    break;
                default: throw error("bad escape \\" + e);
            }
        }
    }

    private Num number() {
        int start = i;
        if (s.charAt(i) == '-') i++;
        if (i < s.length() && s.charAt(i) == '0') i++;
        else if (!digits()) throw error("digits were expected");
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            if (!digits()) throw error("digits were expected after '.'");
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            if (!digits()) throw error("digits were expected in the exponent");
        }
        return new Num(s.substring(start, i));
    }

    private boolean digits() {
        int start = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        return i > start;
    }

    /** {@code s} as a JSON string literal. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    /** A float as JSON: its shortest exact text; NaN and infinities (not JSON) as null. */
    public static void appendFloat(StringBuilder b, float v) {
        if (Float.isFinite(v)) b.append(Float.toString(v));
        else b.append("null");
    }
}
