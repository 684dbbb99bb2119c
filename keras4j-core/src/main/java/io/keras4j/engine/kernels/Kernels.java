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

    // ---- pooling
    // Geometry shared by the four: x (n, h, w, c) -> y (n, oh, ow, c), channels last; window
    // ph x pw moved by sh x sw; the window of output (i, j) starts at input row i*sh - padTop and
    // column j*sw - padLeft, and only its cells inside x count ("same" padding adds nothing).

    /** y = the max of each window's cells inside x (every window must hold at least one). */
    void maxPool2d(int n, int h, int w, int c, int ph, int pw, int sh, int sw, int padTop, int padLeft, int oh, int ow,
                   float[] x, int xOff, float[] y, int yOff);

    /**
     * dx (+)= dy routed to each window's max: the first cell of the window (row-major) whose x equals
     * y, as {@link #maxPool2d} found it; x and y are the forward's input and output. When
     * {@code accumulate} is false dx is overwritten: cells that receive nothing get 0.
     */
    void maxPool2dBackward(int n, int h, int w, int c, int ph, int pw, int sh, int sw, int padTop, int padLeft, int oh,
                           int ow, float[] x, int xOff, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff,
                           boolean accumulate);

    /** y = the mean of each window's cells inside x (padding is not counted, as Keras). */
    void avgPool2d(int n, int h, int w, int c, int ph, int pw, int sh, int sw, int padTop, int padLeft, int oh, int ow,
                   float[] x, int xOff, float[] y, int yOff);

    /** dx (+)= dy / (cells of the window inside x), spread over those cells (overwritten as maxPool2dBackward's). */
    void avgPool2dBackward(int n, int h, int w, int c, int ph, int pw, int sh, int sw, int padTop, int padLeft, int oh,
                           int ow, float[] dy, int dyOff, float[] dx, int dxOff, boolean accumulate);
}
