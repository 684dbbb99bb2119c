package io.keras4j.initializers;

import io.keras4j.engine.Rng;

/**
 * {@code keras.initializers.Orthogonal(gain=1.0)}, the default {@code recurrent_initializer} of
 * the recurrent layers. For a weight of {@code rows = prod(shape[:-1])} by {@code cols = shape[-1]}:
 * <pre>
 * a = normal(max(rows, cols), min(rows, cols));  q, r = qr(a);  q *= sign(diag(r))
 * w = gain * (rows < cols ? q^T : q)
 * </pre>
 * so the rows (or columns, whichever are fewer) of {@code w} are orthonormal. The QR is
 * modified Gram-Schmidt in double, whose {@code r} has a positive diagonal, which is what the sign
 * correction makes of any QR.
 */
public final class Orthogonal implements Initializer {
    private final double gain;

    public Orthogonal() {
        this(1.0);
    }

    public Orthogonal(double gain) {
        this.gain = gain;
    }

    public double gain() {
        return gain;
    }

    @Override
    public void fill(float[] w, int[] shape) {
        int cols = shape.length == 0 ? 1 : shape[shape.length - 1];
        int rows = 1;
        for (int i = 0; i < shape.length - 1; i++) rows *= shape[i];
        int m = Math.max(rows, cols), k = Math.min(rows, cols);
        double[][] q = new double[k][m]; // the k columns of a (m,k), each a vector of m
        for (int i = 0; i < m; i++) for (int j = 0; j < k; j++) q[j][i] = Rng.nextGaussian();
        for (int j = 0; j < k; j++) {
            for (int p = 0; p < j; p++) {
                double d = 0;
                for (int i = 0; i < m; i++) d += q[p][i] * q[j][i];
                for (int i = 0; i < m; i++) q[j][i] -= d * q[p][i];
            }
            double norm = 0;
            for (int i = 0; i < m; i++) norm += q[j][i] * q[j][i];
            norm = Math.sqrt(norm);
            for (int i = 0; i < m; i++) q[j][i] /= norm;
        }
        // w (rows, cols): q (m,k) when rows >= cols, else q^T
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = rows >= cols ? q[c][r] : q[r][c];
                w[r * cols + c] = (float) (gain * v);
            }
        }
    }
}
