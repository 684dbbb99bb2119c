package io.keras4j.engine.kernels;

/**
 * The reference kernels: straightforward loops, written for clarity and as the oracle that the
 * fast kernels are tested against. Loop orders keep the innermost loop contiguous so that
 * HotSpot's auto-vectoriser can still help.
 */
public final class ScalarKernels implements Kernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void gemm(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            if (!accumulate) java.util.Arrays.fill(c, ci, ci + n, 0f);
            for (int p = 0; p < k; p++) {
                float av = a[aOff + i * k + p];
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) c[ci + j] += av * b[bp + j];
            }
        }
    }

    @Override
    public void gemmNT(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * k;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * k;
                float s = 0f;
                for (int p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
                int ci = cOff + i * n + j;
                c[ci] = accumulate ? c[ci] + s : s;
            }
        }
    }

    @Override
    public void gemmTN(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        if (!accumulate) java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
        for (int p = 0; p < k; p++) {
            int ap = aOff + p * m;
            int bp = bOff + p * n;
            for (int i = 0; i < m; i++) {
                float av = a[ap + i];
                int ci = cOff + i * n;
                for (int j = 0; j < n; j++) c[ci + j] += av * b[bp + j];
            }
        }
    }

    @Override
    public void gemmBias(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] bias, int biasOff,
                         boolean relu, float[] c, int cOff) {
        gemm(m, n, k, a, aOff, b, bOff, c, cOff, false);
        if (bias != null) addRowVector(m, n, c, cOff, bias, biasOff);
        if (relu) relu(m * n, c, cOff, c, cOff);
    }

    @Override
    public void gatherRows(float[] src, int row, int[] order, int start, int rows, float[] dst) {
        if (row == 2) { // the seed's 2 features and 2 targets: a loop of 2 costs more than its body
            for (int r = 0; r < rows; r++) {
                int s = order[start + r] * 2, d = r * 2;
                dst[d] = src[s];
                dst[d + 1] = src[s + 1];
            }
            return;
        }
        if (row <= 4) { // a few values a row: a call to arraycopy costs more
            for (int r = 0; r < rows; r++) {
                int s = order[start + r] * row, d = r * row;
                for (int j = 0; j < row; j++) dst[d + j] = src[s + j];
            }
            return;
        }
        for (int r = 0; r < rows; r++) System.arraycopy(src, order[start + r] * row, dst, r * row, row);
    }

    @Override
    public void addRowVector(int m, int n, float[] x, int xOff, float[] bias, int bOff) {
        for (int i = 0; i < m; i++) {
            int xi = xOff + i * n;
            for (int j = 0; j < n; j++) x[xi + j] += bias[bOff + j];
        }
    }

    @Override
    public void sumRows(int m, int n, float[] x, int xOff, float[] out, int oOff, boolean accumulate) {
        if (!accumulate) java.util.Arrays.fill(out, oOff, oOff + n, 0f);
        if (m <= SUM_SEGMENT) {
            for (int i = 0; i < m; i++) {
                int xi = xOff + i * n;
                for (int j = 0; j < n; j++) out[oOff + j] += x[xi + j];
            }
            return;
        }
        for (int r0 = 0; r0 < m; r0 += SUM_SEGMENT) { // one column at a time: no scratch row
            int r1 = Math.min(r0 + SUM_SEGMENT, m);
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int i = r0; i < r1; i++) s += x[xOff + i * n + j];
                out[oOff + j] += s;
            }
        }
    }

    @Override
    public void reluBackwardSumRows(int m, int n, float[] y, int yOff, float[] dy, int dyOff, float[] db, int dbOff,
                                    boolean accumulate) {
        if (y != null) reluBackward(m * n, y, yOff, dy, dyOff, dy, dyOff, false);
        if (db != null) sumRows(m, n, dy, dyOff, db, dbOff, accumulate);
    }

    @Override
    public void relu(int len, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < len; i++) y[yOff + i] = Math.max(x[xOff + i], 0f);
    }

    @Override
    public void reluBackward(int len, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, boolean accumulate) {
        for (int i = 0; i < len; i++) {
            float g = dy[dyOff + i] * Math.signum(y[yOff + i]); // y >= 0, so signum is the 0/1 mask, branch-free
            dx[dxOff + i] = accumulate ? dx[dxOff + i] + g : g;
        }
    }

    @Override
    public void adam(int from, int to, float[] w, float[] g, float[] m, float[] v, float a, float b1, float b2, float c1,
                     float c2, float eps) {
        for (int i = from; i < to; i++) {
            float gi = g[i];
            m[i] = b1 * m[i] + c1 * gi;
            v[i] = b2 * v[i] + c2 * gi * gi;
            w[i] -= a * m[i] / ((float) Math.sqrt(v[i]) + eps);
        }
    }
    // ---- normalization (BatchNormalization, LayerNormalization)

    @Override
    public void channelMoments(int outer, int c, int inner, float[] x, int xOff, float[] mean, float[] var, double[] work) {
        java.util.Arrays.fill(work, 0, c, 0.0);
        if (inner == 1) { // channels last: rows of c, the inner loop contiguous over channels
            for (int o = 0, p = xOff; o < outer; o++, p += c) for (int ch = 0; ch < c; ch++) work[ch] += x[p + ch];
        } else {
            for (int o = 0, p = xOff; o < outer; o++) {
                for (int ch = 0; ch < c; ch++) {
                    double s = 0;
                    for (int i = 0; i < inner; i++) s += x[p++];
                    work[ch] += s;
                }
            }
        }
        double n = (double) outer * inner;
        for (int ch = 0; ch < c; ch++) mean[ch] = (float) (work[ch] / n);
        java.util.Arrays.fill(work, 0, c, 0.0);
        if (inner == 1) {
            for (int o = 0, p = xOff; o < outer; o++, p += c) {
                for (int ch = 0; ch < c; ch++) {
                    double d = x[p + ch] - mean[ch];
                    work[ch] += d * d;
                }
            }
            for (int ch = 0; ch < c; ch++) var[ch] = (float) (work[ch] / n);
            return;
        }
        for (int o = 0, p = xOff; o < outer; o++) {
            for (int ch = 0; ch < c; ch++) {
                double m = mean[ch], s = 0;
                for (int i = 0; i < inner; i++) {
                    double d = x[p++] - m;
                    s += d * d;
                }
                work[ch] += s;
            }
        }
        for (int ch = 0; ch < c; ch++) var[ch] = (float) (work[ch] / n);
    }

    @Override
    public void channelScaleShift(int outer, int c, int inner, float[] x, int xOff, float[] scale, float[] shift, float[] y,
                                  int yOff) {
        if (inner == 1) {
            for (int o = 0, p = 0; o < outer; o++, p += c) {
                int xp = xOff + p, yp = yOff + p;
                for (int ch = 0; ch < c; ch++) y[yp + ch] = x[xp + ch] * scale[ch] + shift[ch];
            }
            return;
        }
        for (int o = 0, p = 0; o < outer; o++) {
            for (int ch = 0; ch < c; ch++) {
                float a = scale[ch], b = shift[ch];
                for (int i = 0; i < inner; i++, p++) y[yOff + p] = x[xOff + p] * a + b;
            }
        }
    }

    @Override
    public void channelGradSums(int outer, int c, int inner, float[] x, int xOff, float[] dy, int dyOff, float[] mean,
                                float[] sumDy, float[] sumDyXc, double[] work) {
        java.util.Arrays.fill(work, 0, 2 * c, 0.0);
        if (inner == 1) {
            for (int o = 0, p = 0; o < outer; o++, p += c) {
                for (int ch = 0; ch < c; ch++) {
                    double g = dy[dyOff + p + ch];
                    work[ch] += g;
                    work[c + ch] += g * (x[xOff + p + ch] - mean[ch]);
                }
            }
        } else {
            for (int o = 0, p = 0; o < outer; o++) {
                for (int ch = 0; ch < c; ch++) {
                    double m = mean[ch], s = 0, sx = 0;
                    for (int i = 0; i < inner; i++, p++) {
                        double g = dy[dyOff + p];
                        s += g;
                        sx += g * (x[xOff + p] - m);
                    }
                    work[ch] += s;
                    work[c + ch] += sx;
                }
            }
        }
        for (int ch = 0; ch < c; ch++) {
            sumDy[ch] = (float) work[ch];
            sumDyXc[ch] = (float) work[c + ch];
        }
    }

    @Override
    public void channelInputGrad(int outer, int c, int inner, float[] dy, int dyOff, float[] x, int xOff, float[] mean,
                                 float[] a, float[] b, float[] k, float[] dx, int dxOff, boolean accumulate) {
        if (inner == 1) { // two straight loops (no choice per element) so that C2 can vectorise them
            for (int o = 0, p = 0; o < outer; o++, p += c) {
                int d = dyOff + p, xp = xOff + p, q = dxOff + p;
                if (accumulate) {
                    for (int ch = 0; ch < c; ch++) dx[q + ch] += a[ch] * dy[d + ch] + b[ch] * (x[xp + ch] - mean[ch]) + k[ch];
                } else {
                    for (int ch = 0; ch < c; ch++) dx[q + ch] = a[ch] * dy[d + ch] + b[ch] * (x[xp + ch] - mean[ch]) + k[ch];
                }
            }
            return;
        }
        for (int o = 0, p = 0; o < outer; o++) {
            for (int ch = 0; ch < c; ch++) {
                float av = a[ch], bv = b[ch], m = mean[ch], kv = k[ch];
                for (int i = 0; i < inner; i++, p++) {
                    float g = av * dy[dyOff + p] + bv * (x[xOff + p] - m) + kv;
                    dx[dxOff + p] = accumulate ? dx[dxOff + p] + g : g;
                }
            }
        }
    }

    @Override
    public void rowNormalize(int rows, int c, float[] x, int xOff, float eps, float[] gamma, int gOff, float[] beta, int bOff,
                             float[] y, int yOff, float[] mean, float[] invStd) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * c, yo = yOff + r * c;
            double s = 0;
            for (int j = 0; j < c; j++) s += x[xo + j];
            float m = (float) (s / c);
            double v = 0;
            for (int j = 0; j < c; j++) {
                double d = x[xo + j] - m;
                v += d * d;
            }
            float is = (float) (1 / Math.sqrt((float) (v / c) + eps));
            mean[r] = m;
            invStd[r] = is;
            for (int j = 0; j < c; j++) {
                float h = (x[xo + j] - m) * is;
                if (gamma != null) h *= gamma[gOff + j];
                if (beta != null) h += beta[bOff + j];
                y[yo + j] = h;
            }
        }
    }

    @Override
    public void rowNormalizeBackward(int rows, int c, float[] x, int xOff, float[] dy, int dyOff, float[] gamma, int gOff,
                                     float[] mean, float[] invStd, float[] dx, int dxOff, boolean accumulate,
                                     float[] dgamma, int dgOff, float[] dbeta, int dbOff) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * c, go = dyOff + r * c, o = dxOff + r * c;
            float m = mean[r], is = invStd[r];
            double sg = 0, sgx = 0;
            for (int j = 0; j < c; j++) {
                float h = (x[xo + j] - m) * is, d = dy[go + j];
                float g = gamma == null ? d : d * gamma[gOff + j];
                sg += g;
                sgx += g * h;
                if (dgamma != null) dgamma[dgOff + j] += d * h;
                if (dbeta != null) dbeta[dbOff + j] += d;
            }
            if (dx == null) continue;
            float mg = (float) (sg / c), mgx = (float) (sgx / c);
            for (int j = 0; j < c; j++) {
                float h = (x[xo + j] - m) * is, d = dy[go + j];
                float g = gamma == null ? d : d * gamma[gOff + j];
                float v = is * (g - mg - h * mgx);
                dx[o + j] = accumulate ? dx[o + j] + v : v;
            }
        }
    }

    // ---- recurrent (rnn): fused gate kernels

    @Override
    public void rnnStepForward(int len, float[] xp, int xpOff, float[] hr, int hrOff, int act, float[] h, int hOff) {
        for (int i = 0; i < len; i++) h[hOff + i] = GateActivation.apply(act, xp[xpOff + i] + hr[hrOff + i]);
    }

    @Override
    public void rnnStepBackward(int len, float[] h, int hOff, float[] dh, int dhOff, int act, float[] dpre, int dpOff) {
        for (int i = 0; i < len; i++) dpre[dpOff + i] = dh[dhOff + i] * GateActivation.derivative(act, h[hOff + i]);
    }

    @Override
    public void lstmStepForward(int n, int u, float[] xp, int xpOff, float[] hr, int hrOff, float[] cPrev, int cpOff,
                                int act, int recAct, float[] gates, int gOff, float[] c, int cOff, float[] h, int hOff) {
        int w = 4 * u;
        for (int b = 0; b < n; b++) {
            int x = xpOff + b * w, r = hrOff + b * w, g = gOff + b * w, s = b * u;
            for (int j = 0; j < u; j++) {
                float ig = GateActivation.apply(recAct, xp[x + j] + hr[r + j]);
                float fg = GateActivation.apply(recAct, xp[x + u + j] + hr[r + u + j]);
                float cg = GateActivation.apply(act, xp[x + 2 * u + j] + hr[r + 2 * u + j]);
                float og = GateActivation.apply(recAct, xp[x + 3 * u + j] + hr[r + 3 * u + j]);
                float cv = fg * cPrev[cpOff + s + j] + ig * cg;
                gates[g + j] = ig;
                gates[g + u + j] = fg;
                gates[g + 2 * u + j] = cg;
                gates[g + 3 * u + j] = og;
                c[cOff + s + j] = cv;
                h[hOff + s + j] = og * GateActivation.apply(act, cv);
            }
        }
    }

    @Override
    public void lstmStepBackward(int n, int u, float[] gates, int gOff, float[] cPrev, int cpOff, float[] c, int cOff,
                                 float[] dh, int dhOff, float[] dc, int dcOff, int act, int recAct, float[] dpre,
                                 int dpOff) {
        int w = 4 * u;
        for (int b = 0; b < n; b++) {
            int g = gOff + b * w, d = dpOff + b * w, s = b * u;
            for (int j = 0; j < u; j++) {
                float ig = gates[g + j], fg = gates[g + u + j], cg = gates[g + 2 * u + j], og = gates[g + 3 * u + j];
                float ac = GateActivation.apply(act, c[cOff + s + j]);
                float dhv = dh[dhOff + s + j];
                float dct = dc[dcOff + s + j] + dhv * og * GateActivation.derivative(act, ac);
                dpre[d + j] = dct * cg * GateActivation.derivative(recAct, ig);
                dpre[d + u + j] = dct * cPrev[cpOff + s + j] * GateActivation.derivative(recAct, fg);
                dpre[d + 2 * u + j] = dct * ig * GateActivation.derivative(act, cg);
                dpre[d + 3 * u + j] = dhv * ac * GateActivation.derivative(recAct, og);
                dc[dcOff + s + j] = dct * fg;
            }
        }
    }

    @Override
    public void gruStepForward(int n, int u, float[] xp, int xpOff, float[] hr, int hrOff, float[] hPrev, int hpOff,
                               int act, int recAct, float[] gates, int gOff, float[] h, int hOff) {
        int w = 3 * u;
        for (int b = 0; b < n; b++) {
            int x = xpOff + b * w, r = hrOff + b * w, g = gOff + b * 4 * u, s = b * u;
            for (int j = 0; j < u; j++) {
                float z = GateActivation.apply(recAct, xp[x + j] + hr[r + j]);
                float rg = GateActivation.apply(recAct, xp[x + u + j] + hr[r + u + j]);
                float hrh = hr[r + 2 * u + j];
                float hh = GateActivation.apply(act, xp[x + 2 * u + j] + rg * hrh);
                gates[g + j] = z;
                gates[g + u + j] = rg;
                gates[g + 2 * u + j] = hh;
                gates[g + 3 * u + j] = hrh;
                h[hOff + s + j] = z * hPrev[hpOff + s + j] + (1 - z) * hh;
            }
        }
    }

    @Override
    public void gruStepBackward(int n, int u, float[] gates, int gOff, float[] hPrev, int hpOff, float[] dh, int dhOff,
                                int act, int recAct, float[] dxp, int dxOff, float[] dhr, int dhrOff, float[] dhPrev,
                                int dhpOff) {
        int w = 3 * u;
        for (int b = 0; b < n; b++) {
            int g = gOff + b * 4 * u, x = dxOff + b * w, r = dhrOff + b * w, s = b * u;
            for (int j = 0; j < u; j++) {
                float z = gates[g + j], rg = gates[g + u + j], hh = gates[g + 2 * u + j], hrh = gates[g + 3 * u + j];
                float dhv = dh[dhOff + s + j];
                float dz = dhv * (hPrev[hpOff + s + j] - hh) * GateActivation.derivative(recAct, z);
                float dph = dhv * (1 - z) * GateActivation.derivative(act, hh);
                float dr = dph * hrh * GateActivation.derivative(recAct, rg);
                dxp[x + j] = dz;
                dxp[x + u + j] = dr;
                dxp[x + 2 * u + j] = dph;
                dhr[r + j] = dz;
                dhr[r + u + j] = dr;
                dhr[r + 2 * u + j] = dph * rg;
                dhPrev[dhpOff + s + j] = dhv * z;
            }
        }
    }

    @Override
    public void gruResetBeforeGates(int n, int u, float[] xp, int xpOff, float[] hr, int hrOff, float[] hPrev, int hpOff,
                                    int recAct, float[] gates, int gOff, float[] rh, int rhOff) {
        for (int b = 0; b < n; b++) {
            int x = xpOff + b * 3 * u, r = hrOff + b * 2 * u, g = gOff + b * 3 * u, s = b * u;
            for (int j = 0; j < u; j++) {
                float z = GateActivation.apply(recAct, xp[x + j] + hr[r + j]);
                float rg = GateActivation.apply(recAct, xp[x + u + j] + hr[r + u + j]);
                gates[g + j] = z;
                gates[g + u + j] = rg;
                rh[rhOff + s + j] = rg * hPrev[hpOff + s + j];
            }
        }
    }

    @Override
    public void gruResetBeforeOutput(int n, int u, float[] xp, int xpOff, float[] hrh, int hrhOff, float[] hPrev,
                                     int hpOff, int act, float[] gates, int gOff, float[] h, int hOff) {
        for (int b = 0; b < n; b++) {
            int x = xpOff + b * 3 * u, g = gOff + b * 3 * u, s = b * u;
            for (int j = 0; j < u; j++) {
                float z = gates[g + j];
                float hh = GateActivation.apply(act, xp[x + 2 * u + j] + hrh[hrhOff + s + j]);
                gates[g + 2 * u + j] = hh;
                h[hOff + s + j] = z * hPrev[hpOff + s + j] + (1 - z) * hh;
            }
        }
    }

    @Override
    public void gruResetBeforeOutputBackward(int n, int u, float[] gates, int gOff, float[] hPrev, int hpOff, float[] dh,
                                             int dhOff, int act, int recAct, float[] dxp, int dxOff, float[] dph,
                                             int dphOff, float[] dhPrev, int dhpOff) {
        for (int b = 0; b < n; b++) {
            int g = gOff + b * 3 * u, x = dxOff + b * 3 * u, s = b * u;
            for (int j = 0; j < u; j++) {
                float z = gates[g + j], hh = gates[g + 2 * u + j];
                float dhv = dh[dhOff + s + j];
                float p = dhv * (1 - z) * GateActivation.derivative(act, hh);
                dxp[x + j] = dhv * (hPrev[hpOff + s + j] - hh) * GateActivation.derivative(recAct, z);
                dxp[x + 2 * u + j] = p;
                dph[dphOff + s + j] = p;
                dhPrev[dhpOff + s + j] = dhv * z;
            }
        }
    }

    @Override
    public void gruResetBeforeGatesBackward(int n, int u, float[] gates, int gOff, float[] hPrev, int hpOff, float[] drh,
                                            int drhOff, int recAct, float[] dxp, int dxOff, float[] dhr, int dhrOff,
                                            float[] dhPrev, int dhpOff) {
        for (int b = 0; b < n; b++) {
            int g = gOff + b * 3 * u, x = dxOff + b * 3 * u, r = dhrOff + b * 2 * u, s = b * u;
            for (int j = 0; j < u; j++) {
                float rg = gates[g + u + j];
                float d = drh[drhOff + s + j];
                float dr = d * hPrev[hpOff + s + j] * GateActivation.derivative(recAct, rg);
                dxp[x + u + j] = dr;
                dhr[r + j] = dxp[x + j];
                dhr[r + u + j] = dr;
                dhPrev[dhpOff + s + j] += d * rg;
            }
        }
    }

    // ---- pooling (see Kernels: x (n,h,w,c) -> y (n,oh,ow,c), windows clipped to the input)

    @Override
    public void maxPool2d(int n, int h, int w, int c, int ph, int pw, int sh, int sw, int padTop, int padLeft, int oh,
                          int ow, float[] x, int xOff, float[] y, int yOff) {
        for (int s = 0; s < n; s++) {
            int xs = xOff + s * h * w * c;
            for (int i = 0; i < oh; i++) {
                int r0 = Math.max(i * sh - padTop, 0), r1 = Math.min(i * sh - padTop + ph, h);
                for (int j = 0; j < ow; j++) {
                    int c0 = Math.max(j * sw - padLeft, 0), c1 = Math.min(j * sw - padLeft + pw, w);
                    int yo = yOff + ((s * oh + i) * ow + j) * c;
                    for (int ch = 0; ch < c; ch++) {
                        float m = Float.NEGATIVE_INFINITY;
                        for (int r = r0; r < r1; r++) {
                            for (int q = c0; q < c1; q++) m = Math.max(m, x[xs + (r * w + q) * c + ch]);
                        }
                        y[yo + ch] = m;
                    }
                }
            }
        }
    }

    @Override
    public void maxPool2dBackward(int n, int h, int w, int c, int ph, int pw, int sh, int sw, int padTop, int padLeft,
                                  int oh, int ow, float[] x, int xOff, float[] y, int yOff, float[] dy, int dyOff,
                                  float[] dx, int dxOff, boolean accumulate) {
        if (!accumulate) java.util.Arrays.fill(dx, dxOff, dxOff + n * h * w * c, 0f);
        for (int s = 0; s < n; s++) {
            int xs = s * h * w * c;
            for (int i = 0; i < oh; i++) {
                int r0 = Math.max(i * sh - padTop, 0), r1 = Math.min(i * sh - padTop + ph, h);
                for (int j = 0; j < ow; j++) {
                    int c0 = Math.max(j * sw - padLeft, 0), c1 = Math.min(j * sw - padLeft + pw, w);
                    int yo = ((s * oh + i) * ow + j) * c;
                    for (int ch = 0; ch < c; ch++) {
                        float m = y[yOff + yo + ch];
                        found:
                        for (int r = r0; r < r1; r++) {
                            for (int q = c0; q < c1; q++) {
                                int at = xs + (r * w + q) * c + ch;
                                if (x[xOff + at] == m) {
                                    dx[dxOff + at] += dy[dyOff + yo + ch];
                                    break found;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void avgPool2d(int n, int h, int w, int c, int ph, int pw, int sh, int sw, int padTop, int padLeft, int oh,
                          int ow, float[] x, int xOff, float[] y, int yOff) {
        for (int s = 0; s < n; s++) {
            int xs = xOff + s * h * w * c;
            for (int i = 0; i < oh; i++) {
                int r0 = Math.max(i * sh - padTop, 0), r1 = Math.min(i * sh - padTop + ph, h);
                for (int j = 0; j < ow; j++) {
                    int c0 = Math.max(j * sw - padLeft, 0), c1 = Math.min(j * sw - padLeft + pw, w);
                    int yo = yOff + ((s * oh + i) * ow + j) * c;
                    float count = (r1 - r0) * (c1 - c0);
                    for (int ch = 0; ch < c; ch++) {
                        float sum = 0;
                        for (int r = r0; r < r1; r++) {
                            for (int q = c0; q < c1; q++) sum += x[xs + (r * w + q) * c + ch];
                        }
                        y[yo + ch] = sum / count;
                    }
                }
            }
        }
    }

    @Override
    public void avgPool2dBackward(int n, int h, int w, int c, int ph, int pw, int sh, int sw, int padTop, int padLeft,
                                  int oh, int ow, float[] dy, int dyOff, float[] dx, int dxOff, boolean accumulate) {
        if (!accumulate) java.util.Arrays.fill(dx, dxOff, dxOff + n * h * w * c, 0f);
        for (int s = 0; s < n; s++) {
            int xs = dxOff + s * h * w * c;
            for (int i = 0; i < oh; i++) {
                int r0 = Math.max(i * sh - padTop, 0), r1 = Math.min(i * sh - padTop + ph, h);
                for (int j = 0; j < ow; j++) {
                    int c0 = Math.max(j * sw - padLeft, 0), c1 = Math.min(j * sw - padLeft + pw, w);
                    int yo = dyOff + ((s * oh + i) * ow + j) * c;
                    float count = (r1 - r0) * (c1 - c0);
                    for (int r = r0; r < r1; r++) {
                        for (int q = c0; q < c1; q++) {
                            int xo = xs + (r * w + q) * c;
                            for (int ch = 0; ch < c; ch++) dx[xo + ch] += dy[yo + ch] / count;
                        }
                    }
                }
            }
        }
    }
    // ---- convolution

    @Override
    public void im2col(ConvShape s, int n, int group, float[] x, int xOff, float[] cols, int colsOff) {
        int cg = s.cg(), c0 = group * cg, q = colsOff;
        for (int i = 0; i < n; i++) {
            int xs = xOff + i * s.h * s.w * s.c + c0;
            for (int oy = 0; oy < s.oh; oy++) {
                for (int ox = 0; ox < s.ow; ox++) {
                    for (int ky = 0; ky < s.kh; ky++) {
                        int iy = oy * s.sh - s.padTop + ky * s.dh;
                        for (int kx = 0; kx < s.kw; kx++, q += cg) {
                            int ix = ox * s.sw - s.padLeft + kx * s.dw;
                            boolean inside = iy >= 0 && iy < s.h && ix >= 0 && ix < s.w;
                            int from = xs + (iy * s.w + ix) * s.c;
                            for (int ch = 0; ch < cg; ch++) cols[q + ch] = inside ? x[from + ch] : 0f;
                        }
                    }
                }
            }
        }
    }

    @Override
    public void col2im(ConvShape s, int n, int group, float[] cols, int colsOff, float[] dx, int dxOff) {
        int cg = s.cg(), c0 = group * cg, q = colsOff;
        for (int i = 0; i < n; i++) {
            int xs = dxOff + i * s.h * s.w * s.c + c0;
            for (int oy = 0; oy < s.oh; oy++) {
                for (int ox = 0; ox < s.ow; ox++) {
                    for (int ky = 0; ky < s.kh; ky++) {
                        int iy = oy * s.sh - s.padTop + ky * s.dh;
                        for (int kx = 0; kx < s.kw; kx++, q += cg) {
                            int ix = ox * s.sw - s.padLeft + kx * s.dw;
                            if (iy < 0 || iy >= s.h || ix < 0 || ix >= s.w) continue;
                            int to = xs + (iy * s.w + ix) * s.c;
                            for (int ch = 0; ch < cg; ch++) dx[to + ch] += cols[q + ch];
                        }
                    }
                }
            }
        }
    }

    @Override
    public void copyBlock(int rows, int cols, float[] src, int sOff, int sLd, float[] dst, int dOff, int dLd,
                          boolean accumulate) {
        for (int r = 0; r < rows; r++) {
            int si = sOff + r * sLd, di = dOff + r * dLd;
            if (accumulate) for (int j = 0; j < cols; j++) dst[di + j] += src[si + j];
            else System.arraycopy(src, si, dst, di, cols);
        }
    }

    @Override
    public void transposeBatched(int b, int rows, int cols, float[] src, int sOff, float[] dst, int dOff, boolean accumulate) {
        int size = rows * cols;
        for (int m = 0; m < b; m++) {
            int so = sOff + m * size, d = dOff + m * size;
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    int di = d + j * rows + r;
                    dst[di] = accumulate ? dst[di] + src[so + r * cols + j] : src[so + r * cols + j];
                }
            }
        }
    }
}
