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
