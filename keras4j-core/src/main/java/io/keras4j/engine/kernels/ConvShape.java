package io.keras4j.engine.kernels;

/**
 * The geometry of a 2-D convolution over channels-last images (a 1-D one is {@code h = kh = 1}),
 * for the convolution kernels: plain integers, per sample (the batch is an argument of each call).
 * <pre>
 * input  (h, w, c)          kernel (kh, kw, c / groups, filters)          output (oh, ow, filters)
 * oh = (h + padTop + padBottom - ((kh - 1) * dh + 1)) / sh + 1     (likewise ow)
 * output (oy, ox) reads input (oy * sh - padTop + ky * dh, ox * sw - padLeft + kx * dw)
 * </pre>
 * Reads outside the input are zeros (the padding).
 */
public final class ConvShape {
    public final int h, w, c, kh, kw, sh, sw, dh, dw, padTop, padLeft, oh, ow, groups;

    /**
     * @param oh the output height (fixed by the caller: a transposed convolution's output padding
     *           may leave rows that no window reads as the last ones)
     */
    public ConvShape(int h, int w, int c, int kh, int kw, int sh, int sw, int dh, int dw, int padTop, int padLeft,
                     int oh, int ow, int groups) {
        if (h < 1 || w < 1 || c < 1 || kh < 1 || kw < 1 || sh < 1 || sw < 1 || dh < 1 || dw < 1 || oh < 1 || ow < 1
                || groups < 1 || c % groups != 0 || padTop < 0 || padLeft < 0) {
            throw new IllegalArgumentException("bad convolution geometry " + this.toStringOf(h, w, c, kh, kw, sh, sw, dh, dw,
                    padTop, padLeft, oh, ow, groups));
        }
        this.h = h; this.w = w; this.c = c; this.kh = kh; this.kw = kw; this.sh = sh; this.sw = sw; this.dh = dh;
        this.dw = dw; this.padTop = padTop; this.padLeft = padLeft; this.oh = oh; this.ow = ow; this.groups = groups;
    }

    /** Channels per group. */
    public int cg() {
        return c / groups;
    }

    /** The length of one row of the im2col matrix of one group: {@code kh * kw * cg}. */
    public int patch() {
        return kh * kw * (c / groups);
    }

    /** Output pixels per sample. */
    public int pixels() {
        return oh * ow;
    }

    @Override
    public String toString() {
        return toStringOf(h, w, c, kh, kw, sh, sw, dh, dw, padTop, padLeft, oh, ow, groups);
    }

    private String toStringOf(int h, int w, int c, int kh, int kw, int sh, int sw, int dh, int dw, int pt, int pl,
                              int oh, int ow, int g) {
        return "(" + h + "x" + w + "x" + c + " * " + kh + "x" + kw + " stride " + sh + "x" + sw + " dilation " + dh + "x"
                + dw + " pad " + pt + "," + pl + " -> " + oh + "x" + ow + ", groups " + g + ")";
    }
}
