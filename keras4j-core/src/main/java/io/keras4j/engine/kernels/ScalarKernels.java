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
        for (int i = 0; i < m; i++) {
            int xi = xOff + i * n;
            for (int j = 0; j < n; j++) out[oOff + j] += x[xi + j];
        }
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
}
