package io.keras4j.datasets;

import io.keras4j.NDArray;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * {@code keras.datasets.mnist.load_data()}, from the four standard IDX files in a folder
 * (gzipped or not): {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}. Nothing is downloaded.
 * <pre>{@code
 * Mnist.Data d = Mnist.loadData(Path.of("data/mnist"));
 * NDArray x = d.xTrain();   // (n, 28, 28), grey levels 0..255
 * }</pre>
 * A malformed file is rejected with an {@link IOException} naming it; header sizes are checked
 * against sane bounds before anything is allocated.
 */
public final class Mnist {
    private static final int MAX_ITEMS = 10_000_000;
    private static final int MAX_SIDE = 4096;

    private Mnist() {}

    /** The four arrays of {@code load_data()}: images {@code (n, rows, cols)} as floats 0..255, labels {@code (n,)}. */
    public record Data(NDArray xTrain, NDArray yTrain, NDArray xTest, NDArray yTest) {}

    public static Data loadData(Path dir) throws IOException {
        NDArray xTrain = images(find(dir, "train-images-idx3-ubyte"));
        NDArray yTrain = labels(find(dir, "train-labels-idx1-ubyte"));
        NDArray xTest = images(find(dir, "t10k-images-idx3-ubyte"));
        NDArray yTest = labels(find(dir, "t10k-labels-idx1-ubyte"));
        if (xTrain.shape()[0] != yTrain.shape()[0] || xTest.shape()[0] != yTest.shape()[0]) {
            throw new IOException("MNIST in " + dir + ": image and label counts differ (train "
                    + xTrain.shape()[0] + "/" + yTrain.shape()[0] + ", test " + xTest.shape()[0] + "/" + yTest.shape()[0] + ")");
        }
        return new Data(xTrain, yTrain, xTest, yTest);
    }

    private static Path find(Path dir, String base) throws IOException {
        for (String name : new String[] {base + ".gz", base, base.replace("-idx", ".idx")}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) return p;
        }
        throw new IOException("MNIST file " + base + "(.gz) not found in " + dir.toAbsolutePath());
    }

    private static DataInputStream open(Path p) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(p));
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) in = new BufferedInputStream(new GZIPInputStream(in));
        return new DataInputStream(in);
    }

    static NDArray images(Path p) throws IOException {
        try (DataInputStream in = open(p)) {
            int magic = in.readInt();
            if (magic != 0x00000803) throw new IOException(p + ": not an IDX image file (magic 0x" + Integer.toHexString(magic) + ")");
            int n = in.readInt(), rows = in.readInt(), cols = in.readInt();
            if (n < 0 || n > MAX_ITEMS || rows <= 0 || rows > MAX_SIDE || cols <= 0 || cols > MAX_SIDE
                    || (long) n * rows * cols > Integer.MAX_VALUE - 8) {
                throw new IOException(p + ": implausible image header " + n + " x " + rows + " x " + cols);
            }
            byte[] raw = new byte[rows * cols];
            float[] data = new float[n * rows * cols];
            for (int i = 0; i < n; i++) {
                readFully(in, raw, p);
                for (int j = 0; j < raw.length; j++) data[i * raw.length + j] = raw[j] & 0xff;
            }
            return NDArray.of(data, n, rows, cols);
        }
    }

    static NDArray labels(Path p) throws IOException {
        try (DataInputStream in = open(p)) {
            int magic = in.readInt();
            if (magic != 0x00000801) throw new IOException(p + ": not an IDX label file (magic 0x" + Integer.toHexString(magic) + ")");
            int n = in.readInt();
            if (n < 0 || n > MAX_ITEMS) throw new IOException(p + ": implausible label count " + n);
            byte[] raw = new byte[n];
            readFully(in, raw, p);
            float[] data = new float[n];
            for (int i = 0; i < n; i++) data[i] = raw[i] & 0xff;
            return NDArray.of(data, n);
        }
    }

    private static void readFully(DataInputStream in, byte[] b, Path p) throws IOException {
        try {
            in.readFully(b);
        } catch (EOFException e) {
            throw new IOException(p + ": file is truncated", e);
        }
    }
}
