package io.keras4j.engine.kernels;

/**
 * The kernel SPI: plain {@code float[]} + offsets + sizes, no tensors, layers or autodiff.
 * Matrices are row-major and dense (leading dimension = number of columns).
 *
 * <p>{@link ScalarKernels} is the reference implementation and the test oracle of every other.
 * The fast implementation ({@code VectorKernels}, on the JDK's Vector API) lives in its own
 * source folder and is picked by {@link KernelsProvider}.
 *
 * <p>When {@code accumulate} is true the result is added to {@code c}; otherwise {@code c} is
 * overwritten (its old contents are never read, so it may hold garbage).
 */
public interface Kernels {

    /** A short name for logs, e.g. {@code "scalar"} or {@code "vector(AVX-512, 16 lanes)"}. */
    String name();

    /** c (m,n) (+)= a (m,k) @ b (k,n). */
    void gemm(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate);

    /** c (m,n) (+)= a (m,k) @ b (n,k)^T. */
    void gemmNT(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate);

    /** c (m,n) (+)= a (k,m)^T @ b (k,n). */
    void gemmTN(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate);

    /**
     * c (m,n) = act(a (m,k) @ b (k,n) + bias (n)), act the identity or, when {@code relu},
     * max(., 0): rounded as {@link #gemm}, then the bias added (none when {@code bias} is null),
     * then the activation, so it gives the bits of those three steps, in one pass over c.
     */
    void gemmBias(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] bias, int biasOff, boolean relu,
                  float[] c, int cOff);

    /**
     * {@link #gemmBias} for a few rows (a single-sample predict reads every weight for little
     * arithmetic), with two things the caller may know about b. The same values, up to the sign
     * of a zero.
     *
     * @param bFinite every value of b is finite: a 0 in a times a row of b then adds exactly 0,
     *                so an implementation may skip reading that row (a ReLU's zeros, an image's
     *                blank border)
     * @param packed  null, or b as {@link #packForFewRows} rearranged it: an implementation may
     *                read it instead of b, in longer contiguous runs
     */
    default void gemmBiasFewRows(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] packed,
                                 float[] bias, int biasOff, boolean relu, boolean bFinite, float[] c, int cOff) {
        gemmBias(m, n, k, a, aOff, b, bOff, bias, biasOff, relu, c, cOff);
    }

    /** The length of {@link #packForFewRows}'s form of a (k,n) b; 0 when this implementation has none. */
    default int packedSizeForFewRows(int k, int n) {
        return 0;
    }

    /** Rearranges b (k,n) into {@code packed} for {@link #gemmBiasFewRows}; only where the size is not 0. */
    default void packForFewRows(int k, int n, float[] b, int bOff, float[] packed) {
        throw new UnsupportedOperationException(name() + " has no packed form");
    }

    /**
     * dst row r = src row {@code order[start + r]}, for r in [0, rows), rows of {@code row}
     * values: a shuffled batch taken out of a data set. Plain copies, so every implementation
     * gives the same values.
     */
    void gatherRows(float[] src, int row, int[] order, int start, int rows, float[] dst);

    /** x (m,n) += bias (n) broadcast over rows. */
    void addRowVector(int m, int n, float[] x, int xOff, float[] bias, int bOff);

    /** out (n) (+)= sum over rows of x (m,n). */
    void sumRows(int m, int n, float[] x, int xOff, float[] out, int oOff, boolean accumulate);

    /** y (len) = max(x, 0). */
    void relu(int len, float[] x, int xOff, float[] y, int yOff);

    /** dx (len) (+)= dy where y > 0, else 0 (the ReLU vector-Jacobian product, from its output). */
    void reluBackward(int len, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, boolean accumulate);

    /**
     * The Adam update over {@code [from, to)} of a parameter arena, in place:
     * {@code m = b1 m + c1 g;  v = b2 v + c2 g^2;  w -= a m / (sqrt(v) + eps)}, each product
     * rounded to float (no fused multiply-add), so every implementation gives the same bits.
     */
    void adam(int from, int to, float[] w, float[] g, float[] m, float[] v, float a, float b1, float b2, float c1, float c2,
              float eps);
    // ---- convolution (see ConvShape for the geometry)

    /**
     * im2col of group {@code group}: cols (n*oh*ow, kh*kw*cg) = the windows of x (n, h, w, c) over
     * channels [group*cg, (group+1)*cg); row (sample, oy, ox), column (ky, kx, channel); 0 where a
     * window reads padding. Plain copies, so every implementation gives the same values.
     */
    void im2col(ConvShape s, int n, int group, float[] x, int xOff, float[] cols, int colsOff);

    /**
     * col2im, the adjoint of {@link #im2col}: dx (n, h, w, c) += every entry of cols (n*oh*ow,
     * kh*kw*cg) onto the input value it was read from (entries read from padding are dropped).
     * The sums onto one value are taken in the order (oy, ox, ky, kx), so implementations agree.
     */
    void col2im(ConvShape s, int n, int group, float[] cols, int colsOff, float[] dx, int dxOff);

    /** dst (rows, cols; row stride dLd) (+)= src (rows, cols; row stride sLd): a block of a wider matrix. */
    void copyBlock(int rows, int cols, float[] src, int sOff, int sLd, float[] dst, int dOff, int dLd, boolean accumulate);

    /** dst (b, cols, rows) (+)= src (b, rows, cols), each of the b matrices transposed (channels first <-> last). */
    void transposeBatched(int b, int rows, int cols, float[] src, int sOff, float[] dst, int dOff, boolean accumulate);
}
