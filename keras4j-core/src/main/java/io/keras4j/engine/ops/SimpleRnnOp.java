package io.keras4j.engine.ops;

import io.keras4j.engine.Tensor;

/**
 * Keras's {@code SimpleRNN} over a sequence ({@link RecurrentOp}): {@code h = act(x @ W + b + h_prev @ R)}.
 * <pre>
 * forward step:  h (n,u) = act(xp + hr)
 * backward step: dpre = dh * act'(h);  dxp = dhr = dpre
 * </pre>
 */
public final class SimpleRnnOp extends RecurrentOp {
    public SimpleRnnOp(Tensor x, Tensor w, Tensor r, Tensor b, Options o) {
        super(x, w, r, b, 1, o);
    }

    @Override
    protected void allocateCell(int cap) {}

    @Override
    protected void cellForward(int n, int s, int xpOff, int hmOff, int hOff) {
        K.rnnStepForward(n * u, xp, xpOff, hr, 0, o.act, hs, hOff);
    }

    @Override
    protected boolean cellBackward(int n, int s, int pOff, int hmOff, int hOff) {
        K.rnnStepBackward(n * u, hs, hOff, dh, 0, o.act, dxp, pOff);
        return false;
    }
}
