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

    /**
     * Rows per segment of a long column sum ({@link #sumRows}): beyond this many rows the rows are
     * summed in segments of this many, each from 0 in row order, and the segments' sums added to
     * the result in order. The segments are fixed by the shape, so every implementation and
     * thread count gives the same sums, and segments can be summed in parallel.
     */
    int SUM_SEGMENT = 1024;

    /** out (n) (+)= sum over rows of x (m,n), in {@link #SUM_SEGMENT segments} beyond 1,024 rows. */
    void sumRows(int m, int n, float[] x, int xOff, float[] out, int oOff, boolean accumulate);

    /**
     * The backward of a product's fused bias and ReLU, in one pass over dy (m,n): dy = dy where
     * y > 0, else 0, in place (when {@code y} is not null: {@link #reluBackward}); then db (n)
     * (+)= sum over rows of dy (when {@code db} is not null: {@link #sumRows}, same segments).
     */
    void reluBackwardSumRows(int m, int n, float[] y, int yOff, float[] dy, int dyOff, float[] db, int dbOff,
                             boolean accumulate);

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
    // ---- normalization (BatchNormalization, LayerNormalization)
    //
    // Batch norm views x as (outer, c, inner) and works per channel ch of the c: its values are
    // x[o, ch, i] for every o and i (axis -1: inner = 1). Layer norm works per row of c values.

    /**
     * Per-channel mean and biased variance of x (outer, c, inner) over outer and inner:
     * {@code mean[ch] = sum x / N}, {@code var[ch] = sum (x - mean)^2 / N}, N = outer * inner;
     * two passes, sums in double ({@code work}: at least c doubles).
     */
    void channelMoments(int outer, int c, int inner, float[] x, int xOff, float[] mean, float[] var, double[] work);

    /** y (outer, c, inner) = x * scale[ch] + shift[ch]. */
    void channelScaleShift(int outer, int c, int inner, float[] x, int xOff, float[] scale, float[] shift, float[] y, int yOff);

    /**
     * The sums of batch norm's backward pass per channel: {@code sumDy[ch] = sum dy},
     * {@code sumDyXc[ch] = sum dy * (x - mean[ch])}; sums in double ({@code work}: at least 2c doubles).
     */
    void channelGradSums(int outer, int c, int inner, float[] x, int xOff, float[] dy, int dyOff, float[] mean,
                         float[] sumDy, float[] sumDyXc, double[] work);

    /** dx (outer, c, inner) (+)= a[ch] * dy + b[ch] * (x - mean[ch]) + k[ch]: batch norm's input gradient. */
    void channelInputGrad(int outer, int c, int inner, float[] dy, int dyOff, float[] x, int xOff, float[] mean, float[] a,
                          float[] b, float[] k, float[] dx, int dxOff, boolean accumulate);

    /**
     * Layer norm forward over rows (rows, c): {@code mean_r}, biased {@code var_r},
     * {@code invStd_r = 1 / sqrt(var_r + eps)}, {@code y = (x - mean_r) * invStd_r * gamma + beta}
     * (gamma, beta null for 1 and 0). Writes mean and invStd per row (for the backward pass).
     */
    void rowNormalize(int rows, int c, float[] x, int xOff, float eps, float[] gamma, int gOff, float[] beta, int bOff,
                      float[] y, int yOff, float[] mean, float[] invStd);

    /**
     * Layer norm backward over rows (rows, c), with xhat = (x - mean_r) * invStd_r and
     * g = dy * gamma: {@code dx (+)= invStd_r * (g - mean(g) - xhat * mean(g * xhat))};
     * {@code dgamma += sum over rows of dy * xhat} and {@code dbeta += sum over rows of dy} where
     * not null.
     */
    void rowNormalizeBackward(int rows, int c, float[] x, int xOff, float[] dy, int dyOff, float[] gamma, int gOff,
                              float[] mean, float[] invStd, float[] dx, int dxOff, boolean accumulate,
                              float[] dgamma, int dgOff, float[] dbeta, int dbOff);

    // ---- recurrent (rnn): the fused gate kernels of SimpleRNN, LSTM and GRU, one call per time step.
    // Activations are GateActivation codes; "hr" is the step's recurrent projection h_prev @ R.

    /** SimpleRNN step: {@code h (len) = act(xp + hr)}. */
    void rnnStepForward(int len, float[] xp, int xpOff, float[] hr, int hrOff, int act, float[] h, int hOff);

    /** SimpleRNN step backward: {@code dpre (len) = dh * act'(h)}. */
    void rnnStepBackward(int len, float[] h, int hOff, float[] dh, int dhOff, int act, float[] dpre, int dpOff);

    /**
     * LSTM step on rows of {@code 4u} pre-activations (gates i, f, c, o):
     * {@code i,f,o = recAct(xp + hr); g = act(xp + hr); c = f*cPrev + i*g; h = o*act(c)}.
     * {@code gates (n,4u)} keeps i, f, g, o for the backward step; c, cPrev, h are {@code (n,u)}.
     */
    void lstmStepForward(int n, int u, float[] xp, int xpOff, float[] hr, int hrOff, float[] cPrev, int cpOff, int act,
                         int recAct, float[] gates, int gOff, float[] c, int cOff, float[] h, int hOff);

    /**
     * LSTM step backward: from {@code dh (n,u)} and the carried {@code dc (n,u)} (d loss / d c),
     * writes {@code dpre (n,4u)} (d loss / d pre-activations) and replaces {@code dc} by
     * d loss / d cPrev: {@code dct = dc + dh*o*act'(c); dcPrev = dct*f}.
     */
    void lstmStepBackward(int n, int u, float[] gates, int gOff, float[] cPrev, int cpOff, float[] c, int cOff,
                          float[] dh, int dhOff, float[] dc, int dcOff, int act, int recAct, float[] dpre, int dpOff);

    /**
     * GRU step, reset gate after the recurrent matmul (Keras's {@code reset_after=True}); rows of
     * {@code 3u} (gates z, r, h), {@code hr} includes the recurrent bias:
     * {@code z,r = recAct(xp + hr); hh = act(xp_h + r*hr_h); h = z*hPrev + (1-z)*hh}.
     * {@code gates (n,4u)} keeps z, r, hh, hr_h.
     */
    void gruStepForward(int n, int u, float[] xp, int xpOff, float[] hr, int hrOff, float[] hPrev, int hpOff, int act,
                        int recAct, float[] gates, int gOff, float[] h, int hOff);

    /**
     * GRU step backward ({@code reset_after=True}): writes {@code dxp (n,3u)} (d loss / d xp),
     * {@code dhr (n,3u)} (d loss / d hr) and {@code dhPrev (n,u) = dh*z} (the direct term only; the
     * caller adds {@code dhr @ R^T}).
     */
    void gruStepBackward(int n, int u, float[] gates, int gOff, float[] hPrev, int hpOff, float[] dh, int dhOff, int act,
                         int recAct, float[] dxp, int dxOff, float[] dhr, int dhrOff, float[] dhPrev, int dhpOff);

    /**
     * GRU with {@code reset_after=False}, first half of a step: {@code z, r = recAct(xp + hr)} with
     * {@code hr (n,2u) = hPrev @ R_zr}; keeps z, r in {@code gates (n,3u)} and writes
     * {@code rh (n,u) = r * hPrev}, the input of the step's second recurrent matmul.
     */
    void gruResetBeforeGates(int n, int u, float[] xp, int xpOff, float[] hr, int hrOff, float[] hPrev, int hpOff,
                             int recAct, float[] gates, int gOff, float[] rh, int rhOff);

    /**
     * Second half: {@code hh = act(xp_h + hrh)} with {@code hrh (n,u) = rh @ R_h};
     * {@code h = z*hPrev + (1-z)*hh}; keeps hh in {@code gates}.
     */
    void gruResetBeforeOutput(int n, int u, float[] xp, int xpOff, float[] hrh, int hrhOff, float[] hPrev, int hpOff,
                              int act, float[] gates, int gOff, float[] h, int hOff);

    /**
     * Backward of {@link #gruResetBeforeOutput}: writes the z and h columns of {@code dxp (n,3u)},
     * {@code dph (n,u)} (d loss / d (xp_h + hrh)) and {@code dhPrev = dh*z}.
     */
    void gruResetBeforeOutputBackward(int n, int u, float[] gates, int gOff, float[] hPrev, int hpOff, float[] dh,
                                      int dhOff, int act, int recAct, float[] dxp, int dxOff, float[] dph, int dphOff,
                                      float[] dhPrev, int dhpOff);

    /**
     * Backward of {@link #gruResetBeforeGates} from {@code drh (n,u)} (d loss / d rh): writes the r
     * column of {@code dxp}, {@code dhr (n,2u)} (the z column copied from {@code dxp}) and adds
     * {@code drh*r} into {@code dhPrev}.
     */
    void gruResetBeforeGatesBackward(int n, int u, float[] gates, int gOff, float[] hPrev, int hpOff, float[] drh,
                                     int drhOff, int recAct, float[] dxp, int dxOff, float[] dhr, int dhrOff,
                                     float[] dhPrev, int dhpOff);

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
