package io.keras4j.engine.ops;

import io.keras4j.engine.Tensor;

/**
 * Keras's {@code GRU} with {@code reset_after=False} over a sequence ({@link RecurrentOp}); gates
 * z, r, h; {@code bias (3u)} on the input side only. The reset gate multiplies the state before
 * the h-gate's recurrent matmul, so a step has two: {@code hm @ R_zr}, then {@code (r*hm) @ R_h}.
 * <pre>
 * z, r = recAct(xp_zr + hm @ R_zr);  hh = act(xp_h + (r*hm) @ R_h);  h = z*h_prev + (1-z)*hh
 * (hm: h_prev times the recurrent dropout mask, if any)
 * </pre>
 * {@code R (u,3u)} is copied once per forward into contiguous {@code R_zr (u,2u)} and
 * {@code R_h (u,u)} for the kernels; its gradient is gathered back the same way.
 */
public final class GruResetBeforeOp extends RecurrentOp {
    private float[] gates, rh, dph, hrh, drh, rzr, rhw, dRzr, dRh;

    public GruResetBeforeOp(Tensor x, Tensor w, Tensor r, Tensor b, Options o) {
        super(x, w, r, b, 3, o);
    }

    @Override
    protected boolean separateDhr() {
        return true;
    }

    @Override
    protected void allocateCell(int cap) {
        gates = new float[steps * cap * width];
        rh = new float[steps * cap * u];
        dph = new float[steps * cap * u];
        hrh = new float[cap * u];
        drh = new float[cap * u];
        rzr = new float[u * 2 * u];
        rhw = new float[u * u];
        dRzr = new float[u * 2 * u];
        dRh = new float[u * u];
    }

    /** Not a carry: the per-forward copy of R into its two contiguous parts. */
    @Override
    protected void initCarry(int n) {
        Tensor r = in[2];
        for (int i = 0; i < u; i++) {
            System.arraycopy(r.data, r.off + i * width, rzr, i * 2 * u, 2 * u);
            System.arraycopy(r.data, r.off + i * width + 2 * u, rhw, i * u, u);
        }
    }

    @Override
    protected void clearMaskedRow(int n, int s, int i, int pOff) {
        java.util.Arrays.fill(dxp, pOff + i * width, pOff + (i + 1) * width, 0f);
        int r = s * n * 2 * u + i * 2 * u, p = s * n * u + i * u;
        java.util.Arrays.fill(dhr, r, r + 2 * u, 0f);
        java.util.Arrays.fill(dph, p, p + u, 0f);
    }

    @Override
    protected void project(int n, int hmOff) {
        K.gemm(n, 2 * u, u, hm, hmOff, rzr, 0, hr, 0, false);
    }

    @Override
    protected void cellForward(int n, int s, int xpOff, int hmOff, int hOff) {
        K.gruResetBeforeGates(n, u, xp, xpOff, hr, 0, hm, hmOff, o.recAct, gates, xpOff, rh, hmOff);
        K.gemm(n, u, u, rh, hmOff, rhw, 0, hrh, 0, false);
        K.gruResetBeforeOutput(n, u, xp, xpOff, hrh, 0, hs, hmOff, o.act, gates, xpOff, hs, hOff);
    }

    @Override
    protected boolean cellBackward(int n, int s, int pOff, int hmOff, int hOff) {
        K.gruResetBeforeOutputBackward(n, u, gates, pOff, hs, hmOff, dh, 0, o.act, o.recAct, dxp, pOff, dph, hmOff, dhd, 0);
        java.util.Arrays.fill(dhm, 0, n * u, 0f);
        K.gemmNT(n, u, u, dph, hmOff, rhw, 0, drh, 0, false);
        K.gruResetBeforeGatesBackward(n, u, gates, pOff, hm, hmOff, drh, 0, o.recAct, dxp, pOff, dhr, s * n * 2 * u, dhm, 0);
        return true;
    }

    @Override
    protected void projectBackward(int n, int pOff) {
        int s = pOff / (n * width);
        K.gemmNT(n, u, 2 * u, dhr, s * n * 2 * u, rzr, 0, dhm, 0, true); // onto the (r * hm) path's drh*r
    }

    @Override
    protected void recurrentKernelGradient(int rows, boolean accumulate) {
        Tensor r = in[2];
        K.gemmTN(u, 2 * u, rows, hm, 0, dhr, 0, dRzr, 0, false);
        K.gemmTN(u, u, rows, rh, 0, dph, 0, dRh, 0, false);
        for (int i = 0; i < u; i++) {
            int g = r.goff + i * width;
            for (int j = 0; j < 2 * u; j++) r.grad[g + j] = accumulate ? r.grad[g + j] + dRzr[i * 2 * u + j] : dRzr[i * 2 * u + j];
            for (int j = 0; j < u; j++) r.grad[g + 2 * u + j] = accumulate ? r.grad[g + 2 * u + j] + dRh[i * u + j] : dRh[i * u + j];
        }
    }
}
