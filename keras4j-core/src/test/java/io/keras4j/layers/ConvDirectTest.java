package io.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.engine.Graph;
import io.keras4j.engine.Op;
import io.keras4j.engine.Plan;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Conv2D's forward values and its gradients (input, kernel, bias) against a naive direct
 * convolution written from the definition, on odd sizes and batches large enough for the
 * kernels' multi-threaded paths:
 * <pre>
 * y[i, oy, ox, f] = b[f] + sum_{ky, kx, ci} x[i, oy*sh - pt + ky*dh, ox*sw - pl + kx*dw, g*cg + ci] * k[ky, kx, ci, f]
 * g = f / (filters / groups);  pt, pl from "same": total = max((ceil(n/s) - 1) * s + (k-1)*d + 1 - n, 0), total / 2 before
 * </pre>
 * and {@code loss = sum(r * y)} for fixed random r, so {@code dy = r}.
 */
class ConvDirectTest {

    /** loss = sum r * y, r fixed. */
    private static final class Weighted extends Op {
        final float[] r;

        Weighted(Tensor y, float[] r) {
            super(new int[] {1}, y);
            this.r = r;
        }

        @Override
        public void forward(int n) {
            double s = 0;
            for (int i = 0; i < in[0].size(n); i++) s += (double) r[i] * in[0].data[in[0].off + i];
            out.data[out.off] = (float) s;
        }

        @Override
        public void backward(int n) {
            for (int i = 0; i < in[0].size(n); i++) in[0].grad[in[0].goff + i] += r[i] * out.grad[out.goff];
        }
    }

    private static int out(int n, int k, int s, int d, boolean same) {
        return same ? (n + s - 1) / s : (n - (k - 1) * d - 1) / s + 1;
    }

    private static int pad(int n, int k, int s, int d, boolean same) {
        return same ? Math.max(((n + s - 1) / s - 1) * s + (k - 1) * d + 1 - n, 0) / 2 : 0;
    }

    private static void check(int batch, int h, int w, int c, int filters, int kh, int kw, int s, int d, boolean same,
                              int groups, long seed) {
        Random rnd = new Random(seed);
        Conv2D layer = new Conv2D(filters, kh, kw).strides(s).dilationRate(d).padding(same ? "same" : "valid")
                .groups(groups).biasInitializer("random_normal");
        layer.ensureBuilt(new int[] {h, w, c});
        List<Variable> vars = layer.weights();
        Variable kv = vars.get(0), bv = vars.get(1);
        for (Variable v : vars) v.grad = new float[v.data.length];
        Graph g = new Graph();
        Tensor x = g.differentiableInput(h, w, c);
        Tensor y = layer.call(x, true);
        int oh = out(h, kh, s, d, same), ow = out(w, kw, s, d, same), pt = pad(h, kh, s, d, same), pl = pad(w, kw, s, d, same);
        float[] r = new float[batch * oh * ow * filters];
        for (int i = 0; i < r.length; i++) r[i] = (float) rnd.nextGaussian();
        Tensor loss = new Weighted(y, r).output();
        Plan plan = new Plan(g, batch, true);
        float[] xs = new float[batch * h * w * c];
        for (int i = 0; i < xs.length; i++) xs[i] = (float) rnd.nextGaussian();
        System.arraycopy(xs, 0, x.data, x.off, xs.length);
        plan.forward(batch);
        plan.backward(batch, loss);

        float[] k = Arrays.copyOfRange(kv.data, kv.off, kv.off + kv.size()), b = Arrays.copyOfRange(bv.data, bv.off, bv.off + bv.size());
        double[] yw = new double[r.length], dx = new double[xs.length], dk = new double[k.length], db = new double[filters];
        int cg = c / groups, fg = filters / groups;
        for (int i = 0; i < batch; i++) for (int oy = 0; oy < oh; oy++) for (int ox = 0; ox < ow; ox++) for (int f = 0; f < filters; f++) {
            int yi = ((i * oh + oy) * ow + ox) * filters + f, gr = f / fg;
            double acc = b[f];
            db[f] += r[yi];
            for (int ky = 0; ky < kh; ky++) for (int kx = 0; kx < kw; kx++) {
                int iy = oy * s - pt + ky * d, ix = ox * s - pl + kx * d;
                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                for (int ci = 0; ci < cg; ci++) {
                    int xi = ((i * h + iy) * w + ix) * c + gr * cg + ci, ki = ((ky * kw + kx) * cg + ci) * filters + f;
                    acc += (double) xs[xi] * k[ki];
                    dk[ki] += (double) r[yi] * xs[xi];
                    dx[xi] += (double) r[yi] * k[ki];
                }
            }
            yw[yi] = acc;
        }
        String what = "conv " + h + "x" + w + "x" + c + " -> " + filters + " k" + kh + "x" + kw + " s" + s + " d" + d
                + (same ? " same" : " valid") + " groups " + groups + " batch " + batch;
        close(what + " y", yw, y.data, y.off);
        close(what + " dx", dx, x.grad, x.goff);
        close(what + " dkernel", dk, kv.grad, kv.goff);
        close(what + " dbias", db, bv.grad, bv.goff);
    }

    private static void close(String what, double[] want, float[] got, int off) {
        double scale = 0;
        for (double v : want) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < want.length; i++) {
            double err = Math.abs(got[off + i] - want[i]);
            assertTrue(err <= 1e-5 * scale + 1e-4 * Math.abs(want[i]) + 1e-6,
                    what + "[" + i + "]: got " + got[off + i] + ", direct " + want[i]);
        }
    }

    @Test
    void mnistShapesAtABatch() {
        check(16, 28, 28, 1, 32, 3, 3, 1, 1, false, 1, 1);
        check(9, 13, 13, 32, 64, 3, 3, 1, 1, false, 1, 2);
    }

    @Test
    void oddShapes() {
        check(7, 12, 11, 8, 16, 3, 3, 1, 1, true, 1, 3);
        check(5, 9, 10, 3, 5, 2, 3, 2, 1, true, 1, 4);
        check(3, 11, 9, 4, 6, 3, 2, 1, 2, false, 1, 5);
        check(1, 5, 7, 3, 2, 5, 1, 3, 1, true, 1, 6);
        check(6, 8, 8, 6, 9, 3, 3, 1, 1, true, 3, 7);
        check(2, 7, 5, 4, 4, 1, 1, 1, 1, false, 1, 8); // pointwise: x read as the columns
        check(4, 6, 6, 4, 8, 2, 2, 2, 1, false, 4, 9);
    }
}
