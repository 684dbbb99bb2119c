package io.keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {

    static Path dir() throws URISyntaxException {
        return Path.of(MnistTest.class.getResource("/mnist-10k/train-labels-idx1-ubyte.gz").toURI()).getParent();
    }

    @Test
    void loadsTheTenThousandDigits() throws Exception {
        Mnist.Data d = Mnist.loadData(dir());
        assertArrayEquals(new int[] {8000, 28, 28}, d.xTrain().shape());
        assertArrayEquals(new int[] {8000}, d.yTrain().shape());
        assertArrayEquals(new int[] {2000, 28, 28}, d.xTest().shape());
        float[] px = d.xTrain().toFloatArray();
        float max = 0;
        double sum = 0;
        for (float v : px) {
            max = Math.max(max, v);
            sum += v;
        }
        assertEquals(255f, max);
        double mean = sum / px.length;
        assertTrue(mean > 20 && mean < 45, "MNIST's mean grey level is about 33, got " + mean);
        int[] counts = new int[10];
        for (float l : d.yTrain().toFloatArray()) counts[(int) l]++;
        for (int c : counts) assertTrue(c > 600, "every digit is present: " + java.util.Arrays.toString(counts));
    }

    @Test
    void rejectsHostileHeadersWithoutAllocating(@TempDir Path tmp) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16).putInt(0x803).putInt(Integer.MAX_VALUE).putInt(28).putInt(28);
        Files.write(tmp.resolve("img"), b.array());
        IOException e = assertThrows(IOException.class, () -> Mnist.images(tmp.resolve("img")));
        assertTrue(e.getMessage().contains("implausible"), e.getMessage());
        Files.write(tmp.resolve("trunc"), ByteBuffer.allocate(20).putInt(0x803).putInt(2).putInt(2).putInt(2).array());
        assertTrue(assertThrows(IOException.class, () -> Mnist.images(tmp.resolve("trunc"))).getMessage().contains("truncated"));
        Files.write(tmp.resolve("bad"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertTrue(assertThrows(IOException.class, () -> Mnist.labels(tmp.resolve("bad"))).getMessage().contains("not an IDX"));
        assertThrows(IOException.class, () -> Mnist.loadData(tmp));
    }

    @Test
    void labelsAreClassIds() throws Exception {
        NDArray y = Mnist.loadData(dir()).yTest();
        for (float v : y.toFloatArray()) assertTrue(v >= 0 && v <= 9 && v == Math.rint(v));
    }
}
