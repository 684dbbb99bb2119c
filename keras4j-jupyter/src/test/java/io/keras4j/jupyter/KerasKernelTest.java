package io.keras4j.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kernel's evaluation, display, completion and errors, without Jupyter. */
class KerasKernelTest {
    private static KerasKernel kernel;

    @BeforeAll
    static void start() {
        kernel = KerasKernel.create();
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
    }

    @Test
    void lastExpressionIsShownAsText() {
        DisplayData d = kernel.eval("int a = 20;\nint b = 22;\na + b");
        assertEquals("42", d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void statementsShowNothingAndPrintToSystemOut() {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertNull(kernel.eval("System.out.println(\"hello from a cell\");"));
        } finally {
            System.setOut(old);
        }
        assertEquals("hello from a cell", bytes.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void multiLineCellKeepsItsDeclarations() {
        kernel.eval("double square(double x) {\n    return x * x;\n}\nvar nine = square(3);");
        assertEquals("9.0", kernel.eval("nine").getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void compileErrorNamesTheLine() {
        CellException e = assertThrows(CellException.class, () -> kernel.eval("int ok = 1;\nString s = 5;"));
        String text = String.join("\n", kernel.formatError(e));
        assertTrue(text.contains("line 2: incompatible types"), text);
        assertTrue(text.contains("String s = 5;"), text);
    }

    @Test
    void exceptionShowsItsClassAndMessage() {
        CellException e = assertThrows(CellException.class,
                () -> kernel.eval("io.keras4j.NDArray.of(new float[3], 2, 2)"));
        String text = String.join("\n", kernel.formatError(e));
        assertTrue(text.startsWith("java.lang.IllegalArgumentException"), text);
    }

    @Test
    void figureIsAnInlinePng() {
        DisplayData d = kernel.eval("import io.keras4j.NDArray;\nimport io.keras4j.plot.Plots;\n"
                + "var x = NDArray.of(new float[] {0, 0, 1, 1, -1, 1}, 3, 2);\n"
                + "var y = NDArray.of(new float[] {1, 0, 0, 1, 1, 0}, 3, 2);\n"
                + "Plots.scatterByClass(x, y, \"points\")");
        assertNotNull(d);
        byte[] png = Base64.getDecoder().decode((String) d.getData(MIMEType.IMAGE_PNG));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertEquals('N', png[2]);
        assertEquals('G', png[3]);
    }

    @Test
    void digitGridIsAnInlinePng() {
        DisplayData d = kernel.eval("var images = io.keras4j.NDArray.of(new float[2 * 4 * 4], 2, 4, 4);\n"
                + "var labels = io.keras4j.NDArray.of(new float[] {3, 5}, 2);\n"
                + "io.keras4j.plot.Plots.digits(images, labels, labels)");
        assertNotNull(d);
        byte[] png = Base64.getDecoder().decode((String) d.getData(MIMEType.IMAGE_PNG));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertEquals('N', png[2]);
        assertEquals('G', png[3]);
        assertTrue(((String) d.getData(MIMEType.TEXT_PLAIN)).startsWith("<ImageFigure: "), (String) d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void smallArraysAlsoGetAnHtmlTable() {
        DisplayData d = kernel.eval("io.keras4j.NDArray.of(new float[] {1, 2, 3, 4}, 2, 2)");
        assertTrue(((String) d.getData(MIMEType.TEXT_PLAIN)).startsWith("array("), (String) d.getData(MIMEType.TEXT_PLAIN));
        assertTrue(((String) d.getData(MIMEType.TEXT_HTML)).contains("<td>4.0</td>"));
    }

    @Test
    void completesMembers() {
        kernel.eval("String greeting = \"hi\";");
        String code = "greeting.toUpp";
        ReplacementOptions r = kernel.complete(code, code.length());
        assertNotNull(r);
        assertTrue(r.getReplacements().stream().anyMatch(s -> s.startsWith("toUpperCase")), r.getReplacements().toString());
        assertEquals(code.indexOf("toUpp"), r.getSourceStart());
    }

    @Test
    void isCompleteSeesOpenBlocks() {
        assertEquals("complete", kernel.isComplete("int z = 1;"));
        assertTrue(kernel.isComplete("for (int i = 0; i < 3; i++) {").isBlank());
        assertEquals("complete", kernel.isComplete("if (true) {\n  int w = 2;\n}"));
    }

    @Test
    void incompleteCellIsAnError() {
        CellException e = assertThrows(CellException.class, () -> kernel.eval("void f() {"));
        assertEquals(List.of("Incomplete input:", "void f() {"), e.lines());
    }
}
