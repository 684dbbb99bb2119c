package io.keras4j.engine.ops;

import io.keras4j.engine.Tensor;

/**
 * Keras's {@code GRU} with {@code reset_after=True} (Keras 3's default) over a sequence
 * ({@link RecurrentOp}); gates z, r, h; {@code bias (2,3u)}: the input row, then the recurrent row.
 * <pre>
 * xp = x @ W + b_in;  hr = h_prev @ R + b_rec
 * z, r = recAct(xp + hr);  hh = act(xp_h + r * hr_h);  h = z*h_prev + (1-z)*hh
 * </pre>
 * Recurrent dropout masks the state entering {@code h_prev @ R}; the mix {@code z*h_prev} takes the
 * state itself, as Keras's {@code GRUCell}.
 */
public final class GruOp extends RecurrentOp {
    private float[] gates;

    /** @param b the bias {@code (2,3u)}, or null */
    public GruOp(Tensor x, Tensor w, Tensor r, Tensor b, Options o) {
        super(x, w, r, b, 3, o);
    }

    @Override
    protected boolean separateDhr() {
        return true;
    }

    @Override
    protected int recurrentBiasOffset() {
        return bias != null ? width : -1;
    }

    @Override
    protected void allocateCell(int cap) {
        gates = new float[steps * cap * 4 * u];
    }

    @Override
    protected void cellForward(int n, int s, int xpOff, int hmOff, int hOff) {
        K.gruStepForward(n, u, xp, xpOff, hr, 0, hs, hmOff, o.act, o.recAct, gates, s * n * 4 * u, hs, hOff);
    }

    @Override
    protected boolean cellBackward(int n, int s, int pOff, int hmOff, int hOff) {
        K.gruStepBackward(n, u, gates, s * n * 4 * u, hs, hmOff, dh, 0, o.act, o.recAct, dxp, pOff, dhr, pOff, dhd, 0);
        return true;
    }
}
