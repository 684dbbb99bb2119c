package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressAndSummaryTest {

    private static Sequential xor() {
        Utils.setRandomSeed(0);
        Sequential m = new Sequential();
        m.add(new Dense(4, "relu").inputDim(2).name("dense"));
        m.add(new Dense(4, "relu").name("dense_1"));
        m.add(new Dense(2, "softmax").name("dense_2"));
        return m;
    }

    @Test
    void summaryIsKerasTable() {
        Sequential m = xor();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Summary.print(m, new PrintStream(buf, true, StandardCharsets.UTF_8), true); // as on a UTF-8 terminal
        String s = buf.toString(StandardCharsets.UTF_8);
        assertTrue(s.startsWith("Model: \"" + m.name() + "\"\n"), s);
        assertTrue(s.contains("\u2503 Layer (type)                    \u2503 Output Shape           \u2503       Param # \u2503"), s);
        assertTrue(s.contains("\u2502 dense (Dense)                   \u2502 (None, 4)              \u2502            12 \u2502"), s);
        assertTrue(s.contains("\u2502 dense_2 (Dense)                 \u2502 (None, 2)              \u2502            10 \u2502"), s);
        assertTrue(s.contains(" Total params: 42 (168.00 B)\n Trainable params: 42 (168.00 B)\n Non-trainable params: 0 (0.00 B)"), s);
    }

    @Test
    void summaryOfLargeModelUsesThousandsSeparatorsAndKilobytes() {
        Sequential m = new Sequential();
        m.add(new Dense(512, "relu").inputDim(784));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        m.summary(new PrintStream(buf, true, StandardCharsets.UTF_8));
        String s = buf.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("401,920 \u2502") && s.contains("Total params: 401,920 (1.53 MB)"), s);
    }

    /** What fit prints to standard output (not a terminal here: final lines only). */
    private static String fitOutput(int verbose, int epochs) {
        Sequential m = xor();
        m.compile(new SGD(), "binary_crossentropy", "accuracy");
        NDArray x = NDArray.randn(250, 2);
        NDArray y = XorNotebookTest.oneHotXor(x);
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            m.fit(x, y, new FitOptions().epochs(epochs).batchSize(100).verbose(verbose));
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void progressBarLinesLikeKeras3() {
        String one = fitOutput(1, 1);
        assertTrue(one.matches("3/3 [\u2501=]{20} \\d+s \\d+(us|ms|s)/step - accuracy: \\d\\.\\d{4} - loss: \\d\\.\\d{4}\\n"),
                "one epoch: no 'Epoch 1/1' header, one final line: " + one);
        String three = fitOutput(1, 3);
        assertTrue(three.startsWith("Epoch 1/3\n3/3 "), three);
        assertEquals(6, three.split("\n").length, three);
        String two = fitOutput(2, 2);
        assertTrue(two.matches("Epoch 1/2\\n3/3 - \\d+s - \\d+(us|ms|s)/step - accuracy: \\d\\.\\d{4} - loss: \\d\\.\\d{4}\\n"
                + "Epoch 2/2\\n.*\\n"), two);
    }

    @Test
    void evaluatePrintsOneKerasLine() {
        Sequential m = xor();
        m.compile(new SGD(), "binary_crossentropy", "accuracy");
        NDArray x = NDArray.randn(100, 2);
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            m.evaluate(x, XorNotebookTest.oneHotXor(x));
            m.evaluate(x, XorNotebookTest.oneHotXor(x), 0);
        } finally {
            System.setOut(old);
        }
        String s = buf.toString(StandardCharsets.UTF_8);
        assertTrue(s.matches("4/4 [\u2501=]{20} \\d+s \\d+(us|ms|s)/step - accuracy: \\d\\.\\d{4} - loss: \\d\\.\\d{4}\\n"), s);
    }

    @Test
    void verboseZeroIsSilent() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Sequential m = xor();
            m.compile(new SGD(), "mse");
            m.fit(NDArray.randn(20, 2), NDArray.zeros(20, 2), new FitOptions().epochs(3).verbose(0));
        } finally {
            System.setOut(old);
        }
        assertEquals("", buf.toString(StandardCharsets.UTF_8));
    }
}
