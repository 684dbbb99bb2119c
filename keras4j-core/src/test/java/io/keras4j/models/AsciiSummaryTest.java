package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.callbacks.Console;
import io.keras4j.layers.Dense;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 3: {@code summary()} where standard output is not UTF-8 ({@code LANG=C}) draws the
 * table in ASCII, as rich (Keras's printer) does with {@code box.ASCII}, instead of {@code ?}s.
 */
class AsciiSummaryTest {

    static Sequential model() {
        Sequential m = new Sequential(new Dense(4, "relu").inputDim(2).name("dense_a"), new Dense(2, "softmax").name("dense_b"));
        return m;
    }

    @Test
    void asciiTable() {
        Sequential m = model();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Summary.print(m, new PrintStream(buf, true, StandardCharsets.US_ASCII), false);
        String top = "+" + "-".repeat(33 + 1 + 24 + 1 + 15) + "+";
        String mid = "|" + "-".repeat(33) + "+" + "-".repeat(24) + "+" + "-".repeat(15) + "|";
        String expected = String.join("\n",
                "Model: \"" + m.name() + "\"",
                top,
                "| Layer (type)                    | Output Shape           |       Param # |",
                mid,
                "| dense_a (Dense)                 | (None, 4)              |            12 |",
                mid,
                "| dense_b (Dense)                 | (None, 2)              |            10 |",
                top,
                " Total params: 22 (88.00 B)",
                " Trainable params: 22 (88.00 B)",
                " Non-trainable params: 0 (0.00 B)",
                "");
        assertEquals(expected, buf.toString(StandardCharsets.US_ASCII).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void charsetDetection() {
        assertTrue(Console.unicode(StandardCharsets.UTF_8));
        assertFalse(Console.unicode(StandardCharsets.US_ASCII));
        assertFalse(Console.unicode(StandardCharsets.ISO_8859_1));
    }

    /** Runs {@link Main} in a JVM with {@code LANG=C}: every byte it prints is ASCII and no {@code ?} replaces a box character. */
    @Test
    void underLangC() throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(List.of(javaBin, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        pb.environment().put("LANG", "C");
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        File out = File.createTempFile("summary", ".txt");
        out.deleteOnExit();
        pb.redirectOutput(out);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        byte[] bytes = java.nio.file.Files.readAllBytes(out.toPath());
        String s = new String(bytes, StandardCharsets.US_ASCII);
        if (s.contains("encoding=UTF-8")) return; // a JVM that prints UTF-8 even under LANG=C (stdout.encoding forced)
        for (byte b : bytes) assertTrue(b >= 0, "non-ASCII byte in:\n" + s);
        assertFalse(s.contains("?"), s);
        assertTrue(s.contains("| dense_a (Dense)                 | (None, 4)              |            12 |"), s);
    }

    /** Prints a summary (and the encoding it was printed in, last). */
    public static final class Main {
        public static void main(String[] args) {
            model().summary();
            System.out.println("encoding=" + Console.stdoutCharset().name());
        }
    }
}
