package io.keras4j.engine.ops;

import io.keras4j.engine.Tensor;
import java.util.Arrays;

/**
 * Keras's {@code LSTM} over a sequence ({@link RecurrentOp}); gates i, f, c, o in Keras's order
 * ({@code kernel (in,4u)}, {@code recurrent_kernel (u,4u)}, {@code bias (4u)}):
 * <pre>
 * i, f, o = recAct(xp + hr);  g = act(xp + hr);  c = f*c_prev + i*g;  h = o*act(c)
 * </pre>
 * Saves every step's gates (T,n,4u) and cells (T+1,n,u) for the backward pass, which carries
 * {@code dc} from step to step ({@code Kernels.lstmStepBackward}).
 */
public final class LstmOp extends RecurrentOp {
    private float[] gates, cs, dc, keepDc;

    public LstmOp(Tensor x, Tensor w, Tensor r, Tensor b, Options o) {
        super(x, w, r, b, 4, o);
    }

    @Override
    protected void allocateCell(int cap) {
        gates = new float[steps * cap * width];
        cs = new float[(steps + 1) * cap * u];
        dc = new float[cap * u];
        if (mask != null) keepDc = new float[cap * u];
    }

    @Override
    protected void carryMaskedRow(int n, int s, int i) {
        System.arraycopy(cs, s * n * u + i * u, cs, (s + 1) * n * u + i * u, u);
    }

    @Override
    protected void keepMaskedCarryGrad(int i) {
        System.arraycopy(dc, i * u, keepDc, i * u, u);
    }

    @Override
    protected void restoreMaskedCarryGrad(int i) {
        System.arraycopy(keepDc, i * u, dc, i * u, u);
    }

    @Override
    protected void initCarry(int n) {
        if (o.state != null) System.arraycopy(o.state.c, 0, cs, 0, n * u);
        else Arrays.fill(cs, 0, n * u, 0f);
    }

    @Override
    protected void saveCarry(int n) {
        System.arraycopy(cs, steps * n * u, o.state.c, 0, n * u);
    }

    @Override
    protected void cellForward(int n, int s, int xpOff, int hmOff, int hOff) {
        K.lstmStepForward(n, u, xp, xpOff, hr, 0, cs, s * n * u, o.act, o.recAct, gates, xpOff, cs, hOff, hs, hOff);
    }

    @Override
    protected float[] carryValues() {
        return cs;
    }

    @Override
    protected float[] carryGrad() {
        return dc; // started from zeros, or from a returned state's gradient, by RecurrentOp.backward
    }

    @Override
    protected boolean cellBackward(int n, int s, int pOff, int hmOff, int hOff) {
        K.lstmStepBackward(n, u, gates, pOff, cs, s * n * u, cs, hOff, dh, 0, dc, 0, o.act, o.recAct, dxp, pOff);
        return false;
    }
}
