package io.keras4j.utils;

import io.keras4j.NDArray;
import io.keras4j.engine.Rng;
import java.util.Arrays;

/** {@code keras.utils}: helpers a notebook uses. */
public final class Utils {
    private Utils() {}

    /**
     * Seeds every random stream keras4j uses: {@code NDArray.randn}, weight initializers, the
     * shuffling of {@code fit} and dropout, as {@code keras.utils.set_random_seed(seed)} does.
     */
    public static void setRandomSeed(long seed) {
        Rng.seed(seed);
    }

    /**
     * {@code keras.utils.to_categorical(y, num_classes)}: one-hot rows from class ids (cast to int,
     * as Keras does). The result has {@code y}'s shape plus a last axis of {@code numClasses}; a
     * trailing axis of size 1 is dropped first, so {@code (n, 1)} gives {@code (n, numClasses)}.
     */
    public static NDArray toCategorical(NDArray y, int numClasses) {
        if (y == null) throw new IllegalArgumentException("to_categorical: y must not be null");
        if (numClasses < 1) throw new IllegalArgumentException("to_categorical: num_classes must be >= 1, got " + numClasses);
        int[] s = y.shape();
        if (s.length > 1 && s[s.length - 1] == 1) s = Arrays.copyOf(s, s.length - 1);
        int[] ids = y.toIntArray();
        float[] out = new float[ids.length * numClasses];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= numClasses) {
                throw new IllegalArgumentException("to_categorical: label " + y.toFloatArray()[i] + " at index " + i
                        + " is not a class id in [0, " + numClasses + ")");
            }
            out[i * numClasses + ids[i]] = 1f;
        }
        int[] os = Arrays.copyOf(s, s.length + 1);
        os[s.length] = numClasses;
        return NDArray.of(out, os);
    }

    /** {@code keras.utils.to_categorical(y)}: {@link #toCategorical(NDArray, int)} with {@code max(y) + 1} classes. */
    public static NDArray toCategorical(NDArray y) {
        if (y == null || y.size() == 0) throw new IllegalArgumentException("to_categorical: y must not be empty");
        int max = 0;
        for (int v : y.toIntArray()) max = Math.max(max, v);
        return toCategorical(y, max + 1);
    }

    /**
     * {@code keras.utils.normalize(x, axis=-1, order=2)}: {@code x} divided by its {@code order}-norm
     * along {@code axis} ({@code (sum |x|^order)^(1/order)}); a zero norm divides by 1.
     */
    public static NDArray normalize(NDArray x, int axis, int order) {
        if (x == null) throw new IllegalArgumentException("normalize: x must not be null");
        if (order < 1) throw new IllegalArgumentException("normalize: order must be an int >= 1, got " + order);
        int[] s = x.shape();
        if (s.length == 0) throw new IllegalArgumentException("normalize: x must have at least one axis");
        int ax = axis < 0 ? axis + s.length : axis;
        if (ax < 0 || ax >= s.length) throw new IllegalArgumentException("normalize: axis " + axis + " is out of bounds for shape "
                + NDArray.shapeString(s));
        int outer = 1, inner = 1, len = s[ax];
        for (int d = 0; d < ax; d++) outer *= s[d];
        for (int d = ax + 1; d < s.length; d++) inner *= s[d];
        float[] v = x.toFloatArray();
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * len * inner + in;
                double n = 0;
                for (int k = 0; k < len; k++) n += Math.pow(Math.abs(v[base + k * inner]), order);
                n = order == 1 ? n : order == 2 ? Math.sqrt(n) : Math.pow(n, 1.0 / order);
                float norm = n == 0 ? 1f : (float) n;
                for (int k = 0; k < len; k++) v[base + k * inner] /= norm;
            }
        }
        return NDArray.of(v, s);
    }

    /** {@code keras.utils.normalize(x)}: the L2 norm along the last axis. */
    public static NDArray normalize(NDArray x) {
        return normalize(x, -1, 2);
    }
}
