package io.keras4j.engine.ops;

import io.keras4j.NDArray;
import io.keras4j.engine.Op;
import io.keras4j.engine.Rng;
import io.keras4j.engine.Tensor;
import java.util.Arrays;

/**
 * A whole recurrent layer over time as one op: the input projection of every step as one GEMM
 * before the loop, then per step one {@code h @ R} GEMM and one fused gate kernel (subclasses:
 * {@link SimpleRnnOp}, {@link LstmOp}, {@link GruOp}); backward through time the same way, with
 * the weight gradients as single GEMMs over all steps after the loop.
 * <pre>
 * x (n,T,in) -> xs (T,n,in)     steps in processing order (reversed for go_backwards), times the
 *                               input dropout mask (one per sample and feature, all steps)
 * xp (T*n,G*u) = xs @ W + b     one GEMM
 * for s in 0..T-1:  hm = h[s] * recurrent mask;  hr = hm @ R;  h[s+1] = cell(xp[s], hr, hm, ...)
 * out = h[T] (n,u), or every h[s+1] (n,T,u) in processing order (return_sequences)
 * backward: for s = T-1..0: dpre[s] = cell'(dh);  dh[s] = direct + (dhr[s] @ R^T) * mask
 *           dW = xs^T @ dxp;  dR = hm^T @ dhr;  db = sum rows;  dx = dxp @ W^T   (one GEMM each)
 * </pre>
 * Inputs {@code x, W (in,G*u), R (u,G*u)[, b]}. Buffers are sized once, for the plan's capacity,
 * at the first forward; a step allocates nothing.
 */
public abstract class RecurrentOp extends Op {
    /** Options shared by every cell. */
    public static final class Options {
        int act, recAct;
        boolean returnSequences, goBackwards, outputInInputOrder, training;
        float dropout, recurrentDropout;
        RecurrentState state;
        Tensor mask, h0, c0;
        boolean zeroOutputForMask;

        /** @param act the activation code ({@code GateActivation}), @param recAct the gates' one */
        public Options(int act, int recAct) {
            this.act = act;
            this.recAct = recAct;
        }

        public Options returnSequences(boolean v) { returnSequences = v; return this; }
        public Options goBackwards(boolean v) { goBackwards = v; return this; }
        /** Sequences in input order even when going backwards (Bidirectional's backward layer). */
        public Options outputInInputOrder(boolean v) { outputInInputOrder = v; return this; }
        /** Training mode: the dropout masks apply. */
        public Options training(boolean v) { training = v; return this; }
        public Options dropout(double v) { dropout = (float) v; return this; }
        public Options recurrentDropout(double v) { recurrentDropout = (float) v; return this; }
        /** The carried state of a stateful layer, or null. */
        public Options state(RecurrentState s) { state = s; return this; }
        /** The input's mask {@code (n, T)} (1 keeps a step, 0 skips it), or null. */
        public Options mask(Tensor m) { mask = m; return this; }
        /** Masked steps output zeros instead of the carried output (Keras's {@code zero_output_for_mask}). */
        public Options zeroOutputForMask(boolean v) { zeroOutputForMask = v; return this; }
        /** Keras's {@code initial_state}: {@code h0 (n,u)} and, for LSTM, {@code c0 (n,u)} (null: zeros or the stateful state). */
        public Options initialState(Tensor h0, Tensor c0) { this.h0 = h0; this.c0 = c0; return this; }
    }

    protected final int u, width, steps, features;
    protected final Options o;
    private final boolean inDrop, recDrop;
    /** The bias input (or null), the mask input (or null), the initial states (or null). */
    protected final Tensor bias, mask, h0, c0;
    private final int maskIndex;
    /** d loss / d final h and c, added by {@link RecurrentStateOp}s before this op's backward (null: none). */
    private final float[][] finalGrad = new float[2][];
    private final boolean[] finalGradPending = new boolean[2];
    private boolean[] masked;
    private float[] keepDh;
    /** Capacity-sized buffers, step-major: xs (T,N,in), xp/dxp (T,N,width), hs (T+1,N,u). */
    /** dhm: d loss / d hm (the masked state into the recurrent matmuls); dhd: the direct term d loss / d h[s]. */
    protected float[] xs, xp, dxp, dhr, hs, hm, hr, dh, dhm, dhd, dxs, inMask, recMask;

    protected RecurrentOp(Tensor x, Tensor w, Tensor r, Tensor b, int gates, Options o) {
        super(outShape(x, w, r, gates, o), inputs(x, w, r, b, o));
        this.bias = b;
        this.mask = o.mask;
        this.h0 = o.h0;
        this.c0 = o.c0;
        this.maskIndex = mask == null ? -1 : 3 + (b == null ? 0 : 1);
        for (Tensor st : new Tensor[] {h0, c0}) {
            if (st != null && (st.rank() != 2 || st.dim(1) != r.dim(0))) {
                throw new IllegalArgumentException("recurrent: initial state " + st + " must have shape (None, " + r.dim(0) + ")");
            }
        }
        if (mask != null && (mask.rank() != 2 || mask.dim(1) != x.dim(1))) {
            throw new IllegalArgumentException("recurrent: mask " + mask + " does not fit input " + x);
        }
        this.u = r.dim(0);
        this.width = gates * u;
        this.steps = x.dim(1);
        this.features = x.dim(2);
        this.o = o;
        this.inDrop = o.training && o.dropout > 0 && o.dropout < 1;
        this.recDrop = o.training && o.recurrentDropout > 0 && o.recurrentDropout < 1;
    }

    private static Tensor[] inputs(Tensor x, Tensor w, Tensor r, Tensor b, Options o) {
        java.util.List<Tensor> l = new java.util.ArrayList<>(java.util.List.of(x, w, r));
        if (b != null) l.add(b);
        if (o.mask != null) l.add(o.mask);
        if (o.h0 != null) l.add(o.h0);
        if (o.c0 != null) l.add(o.c0);
        return l.toArray(new Tensor[0]);
    }

    private static int[] outShape(Tensor x, Tensor w, Tensor r, int gates, Options o) {
        int u = r.dim(0);
        if (x.rank() != 3 || w.rank() != 2 || w.dim(0) != x.dim(2) || w.dim(1) != gates * u || r.dim(1) != gates * u) {
            throw new IllegalArgumentException("recurrent: cannot apply kernel " + NDArray.shapeString(w.shape())
                    + " and recurrent kernel " + NDArray.shapeString(r.shape()) + " to " + NDArray.shapeString(x.shape()));
        }
        return o.returnSequences ? new int[] {-1, x.dim(1), u} : new int[] {-1, u};
    }

    /** Whether {@code dhr} differs from {@code dxp} (GRU's reset-after gate). */
    protected boolean separateDhr() {
        return false;
    }

    /** Allocates the cell's own buffers for {@code cap} samples. */
    protected abstract void allocateCell(int cap);

    /** Sets the cell's initial carried values (LSTM's c) for {@code n} samples. */
    protected void initCarry(int n) {}

    /** Stores the cell's final carried values into the stateful state. */
    protected void saveCarry(int n) {}

    /** The cell's other carried values by step ({@code (T+1, n, u)}, LSTM's c), or null. */
    protected float[] carryValues() {
        return null;
    }

    /** The gradient of the cell's other carried values ({@code (n, u)}, LSTM's dc), or null. */
    protected float[] carryGrad() {
        return null;
    }

    /** Units per sample of the state. */
    public int units() {
        return u;
    }

    /** Copies the final state of the last forward ({@code which} 0: h, 1: LSTM's c) of {@code n} samples into {@code dst}. */
    void copyFinalState(int which, int n, float[] dst, int off) {
        float[] src = which == 0 ? hs : carryValues();
        System.arraycopy(src, steps * n * u, dst, off, n * u);
    }

    /** Adds d loss / d (final state {@code which}) of {@code n} samples, for the next backward. */
    void addFinalStateGrad(int which, int n, float[] g, int off) {
        if (finalGrad[which] == null) finalGrad[which] = new float[out.data.length / out.rowSize() * u];
        float[] d = finalGrad[which];
        for (int i = 0; i < n * u; i++) d[i] += g[off + i];
        finalGradPending[which] = true;
    }

    /** Starts {@code dst} (h's or c's carried gradient) from the pending final-state gradient, or zeros; clears it. */
    private void takeFinalGrad(int which, int n, float[] dst) {
        int nu = n * u;
        if (finalGradPending[which]) {
            System.arraycopy(finalGrad[which], 0, dst, 0, nu);
            Arrays.fill(finalGrad[which], 0, nu, 0f);
            finalGradPending[which] = false;
        } else {
            Arrays.fill(dst, 0, nu, 0f);
        }
    }

    /** The recurrent bias's offset in {@code b.data} added to {@code hr}, or -1. */
    protected int recurrentBiasOffset() {
        return -1;
    }

    /** The step's recurrent projection {@code hr (n,width) = hm @ R (+ recurrent bias)}. */
    protected void project(int n, int hmOff) {
        Tensor r = in[2];
        int rb = recurrentBiasOffset();
        if (rb >= 0) K.gemmBias(n, width, u, hm, hmOff, r.data, r.off, bias.data, bias.off + rb, false, hr, 0);
        else K.gemm(n, width, u, hm, hmOff, r.data, r.off, hr, 0, false);
    }

    /** {@code dhm (n,u) = dhr[step] @ R^T}. */
    protected void projectBackward(int n, int pOff) {
        Tensor r = in[2];
        K.gemmNT(n, u, width, dhr, pOff, r.data, r.off, dhm, 0, false);
    }

    /** {@code dR (+)= hm^T @ dhr} over all {@code rows = T*n} rows. */
    protected void recurrentKernelGradient(int rows, boolean accumulate) {
        Tensor r = in[2];
        K.gemmTN(u, width, rows, hm, 0, dhr, 0, r.grad, r.goff, accumulate);
    }

    /** Step {@code s}: from {@code xp} at {@code xpOff}, {@code hr}, {@code hm} at {@code hmOff}, writes {@code hs} at {@code hOff}. */
    protected abstract void cellForward(int n, int s, int xpOff, int hmOff, int hOff);

    /** At a masked step, copies sample {@code i}'s other carried values (LSTM's c) from step s to s+1. */
    protected void carryMaskedRow(int n, int s, int i) {}

    /** Keeps sample {@code i}'s carried gradient of other values (LSTM's dc) before a masked step's backward. */
    protected void keepMaskedCarryGrad(int i) {}

    /** Puts back what {@link #keepMaskedCarryGrad} kept. */
    protected void restoreMaskedCarryGrad(int i) {}

    /** Zeroes sample {@code i}'s gradients of step {@code s} (a masked step gives the weights none). */
    protected void clearMaskedRow(int n, int s, int i, int pOff) {
        Arrays.fill(dxp, pOff + i * width, pOff + (i + 1) * width, 0f);
        if (dhr != dxp) Arrays.fill(dhr, pOff + i * width, pOff + (i + 1) * width, 0f);
    }

    /** Clears the cell's carried gradients before a backward pass. */
    protected void beginBackward(int n) {}

    /**
     * Step {@code s} backward from {@code dh}: writes {@code dxp} (and {@code dhr}) at {@code pOff};
     * returns true when it wrote a direct term d loss / d h[s] into {@code dhd} (GRU's {@code z * h_prev},
     * which the recurrent dropout mask does not touch).
     */
    protected abstract boolean cellBackward(int n, int s, int pOff, int hmOff, int hOff);

    private void allocate() {
        int cap = out.data.length / out.rowSize();
        xs = new float[steps * cap * features];
        xp = new float[steps * cap * width];
        hs = new float[(steps + 1) * cap * u];
        hm = recDrop ? new float[steps * cap * u] : hs;
        hr = new float[cap * width];
        if (inDrop) inMask = new float[cap * features];
        if (recDrop) recMask = new float[cap * u];
        if (mask != null) {
            masked = new boolean[steps * cap];
            keepDh = new float[cap * u];
        }
        allocateCell(cap);
    }

    private void allocateBackward() {
        int cap = out.data.length / out.rowSize();
        dxp = new float[steps * cap * width];
        dhr = separateDhr() ? new float[steps * cap * width] : dxp;
        dh = new float[cap * u];
        dhm = new float[cap * u];
        dhd = new float[cap * u];
        dxs = new float[steps * cap * features];
    }

    private int inputStep(int s) {
        return o.goBackwards ? steps - 1 - s : s;
    }

    private int outputStep(int s) {
        return o.goBackwards && o.outputInInputOrder ? steps - 1 - s : s;
    }

    private static void dropoutMask(float[] mask, int len, float rate) {
        float keep = 1 - rate, scale = 1 / keep;
        for (int i = 0; i < len; i++) mask[i] = Rng.nextDouble() < keep ? scale : 0f;
    }

    @Override
    public void forward(int n) {
        if (xs == null) allocate();
        Tensor x = in[0], w = in[1], r = in[2], b = bias;
        if (inDrop) dropoutMask(inMask, n * features, o.dropout);
        if (recDrop) dropoutMask(recMask, n * u, o.recurrentDropout);
        for (int s = 0; s < steps; s++) {
            int t = inputStep(s);
            for (int i = 0; i < n; i++) {
                int src = x.off + (i * steps + t) * features, dst = (s * n + i) * features;
                if (inDrop) {
                    for (int f = 0; f < features; f++) xs[dst + f] = x.data[src + f] * inMask[i * features + f];
                } else {
                    System.arraycopy(x.data, src, xs, dst, features);
                }
            }
        }
        K.gemmBias(steps * n, width, features, xs, 0, w.data, w.off, b == null ? null : b.data, b == null ? 0 : b.off,
                false, xp, 0);
        int nu = n * u;
        if (o.state != null) {
            o.state.ensure(n, this instanceof LstmOp);
            System.arraycopy(o.state.h, 0, hs, 0, nu);
        } else {
            Arrays.fill(hs, 0, nu, 0f);
        }
        initCarry(n);
        if (h0 != null) System.arraycopy(h0.data, h0.off, hs, 0, nu);          // Keras's initial_state
        if (c0 != null) System.arraycopy(c0.data, c0.off, carryValues(), 0, nu);
        if (mask != null) {
            for (int s = 0; s < steps; s++) {
                for (int i = 0; i < n; i++) masked[s * n + i] = mask.data[mask.off + i * steps + inputStep(s)] == 0f;
            }
        }
        for (int s = 0; s < steps; s++) {
            int hmOff = s * nu;
            if (recDrop) for (int i = 0; i < nu; i++) hm[hmOff + i] = hs[hmOff + i] * recMask[i];
            project(n, hmOff);
            cellForward(n, s, s * n * width, hmOff, (s + 1) * nu);
            if (mask != null) {
                // a masked step carries the state unchanged (Keras's backend.rnn with a mask)
                for (int i = 0; i < n; i++) {
                    if (!masked[s * n + i]) continue;
                    System.arraycopy(hs, s * nu + i * u, hs, (s + 1) * nu + i * u, u);
                    carryMaskedRow(n, s, i);
                }
            }
            if (o.returnSequences) {
                int t = outputStep(s);
                for (int i = 0; i < n; i++) {
                    int dst = out.off + (i * steps + t) * u;
                    if (mask != null && o.zeroOutputForMask && masked[s * n + i]) Arrays.fill(out.data, dst, dst + u, 0f);
                    else System.arraycopy(hs, (s + 1) * nu + i * u, out.data, dst, u);
                }
            }
        }
        if (!o.returnSequences) System.arraycopy(hs, steps * nu, out.data, out.off, nu);
        if (o.state != null) {
            System.arraycopy(hs, steps * nu, o.state.h, 0, nu);
            saveCarry(n);
        }
    }

    @Override
    public void backward(int n) {
        if (dxp == null) allocateBackward();
        Tensor x = in[0], w = in[1], r = in[2], b = bias;
        int nu = n * u;
        beginBackward(n);
        takeFinalGrad(0, n, dh); // d loss / d final h from a returned state, else zeros
        if (carryGrad() != null) takeFinalGrad(1, n, carryGrad());
        for (int s = steps - 1; s >= 0; s--) {
            if (o.returnSequences) {
                int t = outputStep(s);
                for (int i = 0; i < n; i++) {
                    if (mask != null && o.zeroOutputForMask && masked[s * n + i]) continue; // a constant zero output
                    int g = out.goff + (i * steps + t) * u;
                    for (int j = 0; j < u; j++) dh[i * u + j] += out.grad[g + j];
                }
            } else if (s == steps - 1) {
                for (int i = 0; i < nu; i++) dh[i] += out.grad[out.goff + i];
            }
            int pOff = s * n * width;
            if (mask != null) {
                for (int i = 0; i < n; i++) {
                    if (!masked[s * n + i]) continue;
                    System.arraycopy(dh, i * u, keepDh, i * u, u);
                    keepMaskedCarryGrad(i);
                }
            }
            boolean direct = cellBackward(n, s, pOff, s * nu, (s + 1) * nu);
            if (mask != null) for (int i = 0; i < n; i++) if (masked[s * n + i]) clearMaskedRow(n, s, i, pOff);
            projectBackward(n, pOff);
            if (recDrop) {
                for (int i = 0; i < nu; i++) dh[i] = dhm[i] * recMask[i];
            } else {
                System.arraycopy(dhm, 0, dh, 0, nu);
            }
            if (direct) for (int i = 0; i < nu; i++) dh[i] += dhd[i];
            if (mask != null) {
                // a masked step passed the state through: its gradient passes back unchanged
                for (int i = 0; i < n; i++) {
                    if (!masked[s * n + i]) continue;
                    System.arraycopy(keepDh, i * u, dh, i * u, u);
                    restoreMaskedCarryGrad(i);
                }
            }
        }
        // after the loop dh (and LSTM's dc) is d loss / d initial state
        if (h0 != null && g(h0)) initialStateGrad(h0, dh, nu, in.length - (c0 != null ? 2 : 1));
        if (c0 != null && g(c0)) initialStateGrad(c0, carryGrad(), nu, in.length - 1);
        int rows = steps * n;
        if (g(w)) K.gemmTN(features, width, rows, xs, 0, dxp, 0, w.grad, w.goff, !overwrite(1));
        if (g(r)) recurrentKernelGradient(rows, !overwrite(2));
        if (b != null && g(b)) {
            K.sumRows(rows, width, dxp, 0, b.grad, b.goff, !overwrite(3));
            int rb = recurrentBiasOffset();
            if (rb >= 0) K.sumRows(rows, width, dhr, 0, b.grad, b.goff + rb, !overwrite(3));
        }
        if (g(x)) {
            K.gemmNT(rows, features, width, dxp, 0, w.data, w.off, dxs, 0, false);
            for (int s = 0; s < steps; s++) {
                int t = inputStep(s);
                for (int i = 0; i < n; i++) {
                    int dst = x.goff + (i * steps + t) * features, src = (s * n + i) * features;
                    for (int f = 0; f < features; f++) {
                        float v = inDrop ? dxs[src + f] * inMask[i * features + f] : dxs[src + f];
                        x.grad[dst + f] = overwrite(0) ? v : x.grad[dst + f] + v;
                    }
                }
            }
        }
    }

    private void initialStateGrad(Tensor t, float[] g, int nu, int index) {
        if (overwrite(index)) System.arraycopy(g, 0, t.grad, t.goff, nu);
        else for (int i = 0; i < nu; i++) t.grad[t.goff + i] += g[i];
    }

    @Override
    protected boolean canOverwriteGrad(int i) {
        // every input's gradient is written once, whole (GRU's bias: its two rows apart); the mask takes none
        return i != maskIndex;
    }
}
