package io.keras4j.engine.ops;

/**
 * Where the windows of a 2-D pooling fall, as Keras (TensorFlow) places them. A sample is read as
 * {@code (h, w, c)}, channels last; 1-D pooling is the case {@code h = 1}.
 * <pre>
 * "valid": out = (in - pool) / stride + 1 (floor), no padding
 * "same":  out = ceil(in / stride), padding total = max((out - 1) * stride + pool - in, 0),
 *          of which floor(total / 2) goes before
 * </pre>
 */
public final class PoolGeometry {
    public final int h, w, c, ph, pw, sh, sw, padTop, padLeft, oh, ow;

    private PoolGeometry(int h, int w, int c, int ph, int pw, int sh, int sw, int padTop, int padLeft, int oh, int ow) {
        this.h = h; this.w = w; this.c = c; this.ph = ph; this.pw = pw; this.sh = sh; this.sw = sw;
        this.padTop = padTop; this.padLeft = padLeft; this.oh = oh; this.ow = ow;
    }

    /** The geometry of {@code ph x pw} windows moved by {@code sh x sw} over {@code (h, w, c)}. */
    public static PoolGeometry of(int h, int w, int c, int ph, int pw, int sh, int sw, boolean same) {
        if (h < 1 || w < 1 || c < 1 || ph < 1 || pw < 1 || sh < 1 || sw < 1) {
            throw new IllegalArgumentException("pooling sizes must be positive: input " + h + "x" + w + "x" + c
                    + ", pool " + ph + "x" + pw + ", strides " + sh + "x" + sw);
        }
        int oh = outputSize(h, ph, sh, same), ow = outputSize(w, pw, sw, same);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("a " + ph + "x" + pw + " pool does not fit a " + h + "x" + w + " input with \"valid\" padding");
        }
        int padTop = same ? Math.max((oh - 1) * sh + ph - h, 0) / 2 : 0;
        int padLeft = same ? Math.max((ow - 1) * sw + pw - w, 0) / 2 : 0;
        return new PoolGeometry(h, w, c, ph, pw, sh, sw, padTop, padLeft, oh, ow);
    }

    /** Keras's pooled length of one axis (may be below 1 when a "valid" pool does not fit). */
    public static int outputSize(int in, int pool, int stride, boolean same) {
        return same ? (in + stride - 1) / stride : Math.floorDiv(in - pool, stride) + 1;
    }

    /** Values per sample in the input. */
    public int inSize() {
        return h * w * c;
    }

    /** Values per sample in the output. */
    public int outSize() {
        return oh * ow * c;
    }
}
