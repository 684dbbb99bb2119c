package io.keras4j.callbacks;

import java.nio.charset.Charset;

/**
 * What the standard output can print: the box-drawing characters of Keras's progress bar and
 * {@code summary()} table, or ASCII only (a {@code LANG=C} container, a CI log). Standard output
 * encodes with {@code stdout.encoding} (JDK 19+), else the platform's {@code native.encoding}.
 */
public final class Console {
    private Console() {}

    /** Whether standard output can encode the box-drawing characters. */
    public static boolean unicode() {
        return unicode(stdoutCharset());
    }

    /** Whether {@code cs} can encode the box-drawing characters Keras prints ({@code ━ ┏ ┃ ┡ ─ │ └}). */
    public static boolean unicode(Charset cs) {
        return cs.canEncode() && cs.newEncoder().canEncode("\u2501\u250f\u2503\u2521\u2500\u2502\u2514");
    }

    /** The charset standard output encodes with. */
    public static Charset stdoutCharset() {
        for (String p : new String[] {"stdout.encoding", "sun.stdout.encoding", "native.encoding"}) {
            String name = System.getProperty(p);
            if (name != null) {
                try {
                    return Charset.forName(name);
                } catch (RuntimeException e) {
                    // an unknown name: try the next property
                }
            }
        }
        return Charset.defaultCharset();
    }
}
