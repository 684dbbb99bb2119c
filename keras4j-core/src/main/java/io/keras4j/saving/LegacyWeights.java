package io.keras4j.saving;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns weights as Keras 1/2 stored them into Keras 3's layout, by the layer's original class:
 * <ul>
 * <li>Keras 1 {@code LSTM}: twelve arrays {@code W_i, U_i, b_i, W_c, U_c, b_c, W_f, U_f, b_f, W_o, U_o, b_o}
 * become {@code kernel (in, 4u)}, {@code recurrent_kernel (u, 4u)}, {@code bias (4u)} with the
 * gates in Keras 3's order {@code i, f, c, o};</li>
 * <li>Keras 1 {@code GRU}: nine arrays {@code W_z, U_z, b_z, W_r, U_r, b_r, W_h, U_h, b_h} become
 * {@code kernel}, {@code recurrent_kernel}, {@code bias} in the order {@code z, r, h};</li>
 * <li>Theano-backend convolution kernels are flipped along their spatial axes (Theano's
 * convolution is a true convolution, TensorFlow's a correlation), and Keras 1 Theano
 * {@code Convolution1D/2D} kernels are transposed from {@code (filters, channels, rows, cols)} to
 * {@code (rows, cols, channels, filters)};</li>
 * <li>everything else is already in Keras 3's order and orientation.</li>
 * </ul>
 */
final class LegacyWeights {
    private LegacyWeights() {}

    static List<H5.Array> toKeras3(String cls, List<H5.Array> w, String backend, String file, String where) {
        boolean theano = "theano".equals(backend);
        if (cls.equals("LSTM") && w.size() == 12) return gates(w, new int[] {0, 2, 1, 3}, file, where);
        if (cls.equals("GRU") && w.size() == 9) return gates(w, new int[] {0, 1, 2}, file, where);
        if (theano && isConv(cls) && !w.isEmpty()) {
            List<H5.Array> out = new ArrayList<>(w);
            H5.Array k = w.get(0);
            if (cls.startsWith("Convolution") && k.shape.length == 4) k = transposeThKernel(k);
            out.set(0, flipSpatial(k));
            return out;
        }
        return w;
    }

    private static boolean isConv(String cls) {
        return cls.startsWith("Conv") || cls.startsWith("Convolution") || cls.equals("AtrousConvolution1D");
    }

    /** Keras 1 per-gate arrays (W, U, b per gate, gates in the file's order) concatenated in Keras 3's gate order. */
    private static List<H5.Array> gates(List<H5.Array> w, int[] order, String file, String where) {
        int g = order.length;
        List<H5.Array> out = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            List<H5.Array> pieces = new ArrayList<>();
            for (int k = 0; k < g; k++) pieces.add(w.get(order[k] * 3 + part));
            out.add(concatLastAxis(pieces, file, where));
        }
        return out;
    }

    private static H5.Array concatLastAxis(List<H5.Array> parts, String file, String where) {
        H5.Array first = parts.get(0);
        int rank = first.shape.length;
        int rows = rank == 1 ? 1 : first.shape[0];
        int total = 0;
        for (H5.Array p : parts) {
            if (p.shape.length != rank || (rank == 2 && p.shape[0] != rows) || rank > 2) {
                throw new KerasFileException(file, where, "Keras 1 gate weights of mismatched shapes");
            }
            total += p.shape[rank - 1];
        }
        float[] out = new float[rows * total];
        int col = 0;
        for (H5.Array p : parts) {
            int c = p.shape[rank - 1];
            for (int r = 0; r < rows; r++) System.arraycopy(p.data, r * c, out, r * total + col, c);
            col += c;
        }
        int[] shape = rank == 1 ? new int[] {total} : new int[] {rows, total};
        return new H5.Array(out, shape, out);
    }

    /** (filters, channels, rows, cols) to (rows, cols, channels, filters). */
    private static H5.Array transposeThKernel(H5.Array k) {
        int f = k.shape[0], c = k.shape[1], r = k.shape[2], q = k.shape[3];
        float[] out = new float[k.data.length];
        for (int a = 0; a < f; a++)
            for (int b = 0; b < c; b++)
                for (int i = 0; i < r; i++)
                    for (int j = 0; j < q; j++) out[((i * q + j) * c + b) * f + a] = k.data[((a * c + b) * r + i) * q + j];
        return new H5.Array(out, new int[] {r, q, c, f}, out);
    }

    /** Reverses every spatial axis of a channels-last kernel {@code (spatial..., in, out)}. */
    private static H5.Array flipSpatial(H5.Array k) {
        int rank = k.shape.length;
        if (rank < 3) return k;
        int spatial = rank - 2;
        int inner = k.shape[rank - 2] * k.shape[rank - 1];
        int[] dims = java.util.Arrays.copyOf(k.shape, spatial);
        int count = 1;
        for (int d : dims) count *= d;
        float[] out = new float[k.data.length];
        int[] idx = new int[spatial];
        for (int p = 0; p < count; p++) {
            int rem = p;
            for (int d = spatial - 1; d >= 0; d--) {
                idx[d] = rem % dims[d];
                rem /= dims[d];
            }
            int q = 0;
            for (int d = 0; d < spatial; d++) q = q * dims[d] + (dims[d] - 1 - idx[d]);
            System.arraycopy(k.data, p * inner, out, q * inner, inner);
        }
        return new H5.Array(out, k.shape.clone(), out);
    }
}
