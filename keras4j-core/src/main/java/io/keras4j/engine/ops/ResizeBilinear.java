package io.keras4j.engine.ops;

import io.keras4j.NDArray;
import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * Bilinear resizing of {@code (h, w, c)} samples to {@code (oh, ow, c)} with half-pixel centres,
 * as Keras 3's {@code ops.image.resize(..., "bilinear")} (TensorFlow's {@code tf.image.resize},
 * JAX's {@code jax.image.resize} agree when enlarging):
 * <pre>
 * src = (dst + 0.5) * in / out - 0.5;  lo = max(floor(src), 0);  hi = min(ceil(src), in - 1);  t = src - floor(src)
 * forward:  top = x[lo_y, lo_x] + (x[lo_y, hi_x] - x[lo_y, lo_x]) * t_x   (bottom likewise on hi_y)
 *           y = top + (bottom - top) * t_y
 * backward: each of the four cells gets dy times its weight ((1 - t_y)(1 - t_x), ...)
 * </pre>
 */
public final class ResizeBilinear extends Op {
    private final int h, w, c, oh, ow;
    private final int[] ylo, yhi, xlo, xhi;
    private final float[] ty, tx;

    public ResizeBilinear(Tensor x, int h, int w, int c, int oh, int ow) {
        super(new int[] {-1, oh, ow, c}, check(x, h, w, c, oh, ow));
        this.h = h; this.w = w; this.c = c; this.oh = oh; this.ow = ow;
        ylo = new int[oh]; yhi = new int[oh]; ty = new float[oh];
        xlo = new int[ow]; xhi = new int[ow]; tx = new float[ow];
        weights(h, oh, ylo, yhi, ty);
        weights(w, ow, xlo, xhi, tx);
    }

    private static Tensor check(Tensor x, int h, int w, int c, int oh, int ow) {
        if (!x.batched() || x.rowSize() != h * w * c || oh < 1 || ow < 1) {
            throw new IllegalArgumentException("resize_bilinear: input " + NDArray.shapeString(x.shape()) + " is not a batch of "
                    + h + "x" + w + "x" + c + " samples, or the size " + oh + "x" + ow + " is empty");
        }
        return x;
    }

    private static void weights(int in, int out, int[] lo, int[] hi, float[] t) {
        float scale = (float) in / out;
        for (int i = 0; i < out; i++) {
            float src = (i + 0.5f) * scale - 0.5f;
            float f = (float) Math.floor(src);
            lo[i] = Math.max((int) f, 0);
            hi[i] = Math.min((int) Math.ceil(src), in - 1);
            t[i] = src - f;
        }
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0];
        for (int s = 0; s < n; s++) {
            int xs = x.off + s * h * w * c;
            for (int i = 0; i < oh; i++) {
                int top = xs + ylo[i] * w * c, bot = xs + yhi[i] * w * c;
                for (int j = 0; j < ow; j++) {
                    int l = xlo[j] * c, r = xhi[j] * c, yo = out.off + ((s * oh + i) * ow + j) * c;
                    for (int ch = 0; ch < c; ch++) {
                        float tl = x.data[top + l + ch], tr = x.data[top + r + ch];
                        float bl = x.data[bot + l + ch], br = x.data[bot + r + ch];
                        float tv = tl + (tr - tl) * tx[j], bv = bl + (br - bl) * tx[j];
                        out.data[yo + ch] = tv + (bv - tv) * ty[i];
                    }
                }
            }
        }
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0];
        if (!g(x)) return;
        for (int s = 0; s < n; s++) {
            int xs = x.goff + s * h * w * c;
            for (int i = 0; i < oh; i++) {
                int top = xs + ylo[i] * w * c, bot = xs + yhi[i] * w * c;
                float uy = 1 - ty[i];
                for (int j = 0; j < ow; j++) {
                    int l = xlo[j] * c, r = xhi[j] * c, yo = out.goff + ((s * oh + i) * ow + j) * c;
                    float ux = 1 - tx[j];
                    for (int ch = 0; ch < c; ch++) {
                        float d = out.grad[yo + ch];
                        x.grad[top + l + ch] += d * uy * ux;
                        x.grad[top + r + ch] += d * uy * tx[j];
                        x.grad[bot + l + ch] += d * ty[i] * ux;
                        x.grad[bot + r + ch] += d * ty[i] * tx[j];
                    }
                }
            }
        }
    }
}
