package io.keras4j.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The convolution kernels: the scalar im2col against the definition, and the vector kernels
 * against their scalar twins on odd geometries (padding, strides, dilation, groups, windows that
 * overhang, one or several samples, offsets). Plain copies and sums in a fixed order: the bits
 * must be equal.
 */
class ConvKernelsTest {
    private static Kernels vector;
    private static final Kernels SCALAR = new ScalarKernels();
    private final Random rnd = new Random(11);

    @BeforeAll
    static void load() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            vector = KernelsProvider.vectorOrNull();
            assertNotNull(vector, "the module is present, so the vector kernels must load");
        }
    }

    /** h, w, c, kh, kw, sh, sw, dh, dw, padTop, padLeft, oh, ow, groups. */
    private static final int[][] SHAPES = {
        {5, 6, 3, 3, 2, 2, 1, 1, 1, 1, 0, 3, 5, 1},
        {28, 28, 1, 3, 3, 1, 1, 1, 1, 0, 0, 26, 26, 1},
        {13, 13, 32, 3, 3, 1, 1, 1, 1, 0, 0, 11, 11, 1},
        {7, 6, 2, 3, 3, 1, 1, 2, 2, 2, 2, 7, 6, 1},
        {1, 9, 4, 1, 3, 1, 2, 1, 1, 0, 1, 1, 5, 2},
        {6, 5, 6, 2, 2, 2, 2, 1, 1, 0, 1, 3, 3, 3},
        {4, 4, 17, 3, 3, 1, 1, 1, 1, 1, 1, 4, 4, 1},
        {3, 3, 5, 2, 2, 3, 3, 1, 1, 0, 0, 2, 2, 5}, // windows leave gaps, output past the input
        {9, 8, 2, 3, 2, 2, 3, 1, 1, 0, 0, 4, 3, 1}, // window rows shorter than a vector, strided
        {4, 4, 1, 2, 2, 1, 1, 1, 1, 0, 0, 4, 4, 1}, // "same" padding all at the bottom and right
    };

    private static ConvShape shape(int[] a) {
        return new ConvShape(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13]);
    }

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) rnd.nextGaussian();
        return a;
    }

    @Test
    void scalarIm2colIsTheDefinition() {
        for (int[] a : SHAPES) {
            ConvShape s = shape(a);
            int n = 2, cg = s.cg();
            float[] x = random(n * s.h * s.w * s.c);
            for (int g = 0; g < s.groups; g++) {
                float[] cols = new float[n * s.pixels() * s.patch()];
                SCALAR.im2col(s, n, g, x, 0, cols, 0);
                for (int i = 0; i < n; i++) {
                    for (int oy = 0; oy < s.oh; oy++) for (int ox = 0; ox < s.ow; ox++) {
                        for (int ky = 0; ky < s.kh; ky++) for (int kx = 0; kx < s.kw; kx++) for (int ch = 0; ch < cg; ch++) {
                            int iy = oy * s.sh - s.padTop + ky * s.dh, ix = ox * s.sw - s.padLeft + kx * s.dw;
                            float want = iy < 0 || iy >= s.h || ix < 0 || ix >= s.w ? 0f
                                    : x[((i * s.h + iy) * s.w + ix) * s.c + g * cg + ch];
                            int row = (i * s.oh + oy) * s.ow + ox, col = (ky * s.kw + kx) * cg + ch;
                            if (cols[row * s.patch() + col] != want) throw new AssertionError(s + " at " + row + "," + col);
                        }
                    }
                }
            }
        }
    }

    @Test
    void vectorMatchesScalar() {
        assumeTrue(vector != null, "Vector API module absent");
        for (int[] a : SHAPES) {
            ConvShape s = shape(a);
            for (int n : new int[] {1, 3, 7}) {
                int xs = n * s.h * s.w * s.c, cs = n * s.pixels() * s.patch();
                float[] x = random(xs + 5);
                for (int g = 0; g < s.groups; g++) {
                    float[] c1 = random(cs + 3), c2 = c1.clone();
                    SCALAR.im2col(s, n, g, x, 5, c1, 3);
                    vector.im2col(s, n, g, x, 5, c2, 3);
                    assertArrayEquals(c1, c2, 0f, "im2col " + s + " n=" + n + " group " + g);
                    float[] d1 = random(xs + 2), d2 = d1.clone();
                    SCALAR.col2im(s, n, g, c1, 3, d1, 2);
                    vector.col2im(s, n, g, c1, 3, d2, 2);
                    assertArrayEquals(d1, d2, 0f, "col2im " + s + " n=" + n + " group " + g);
                }
            }
        }
    }

    @Test
    void blocksAndTransposes() {
        float[] src = random(7 * 9 + 1);
        float[] want = random(7 * 11 + 2), got = want.clone();
        new ScalarKernels().copyBlock(7, 5, src, 1, 9, want, 2, 11, true);
        for (int r = 0; r < 7; r++) for (int j = 0; j < 5; j++) got[2 + r * 11 + j] += src[1 + r * 9 + j];
        assertArrayEquals(want, got, 0f, "copyBlock accumulate");
        float[] t = new float[3 * 4 * 5];
        SCALAR.transposeBatched(3, 4, 5, src, 0, t, 0, false);
        for (int b = 0; b < 3; b++) for (int r = 0; r < 4; r++) for (int j = 0; j < 5; j++) {
            if (t[b * 20 + j * 4 + r] != src[b * 20 + r * 5 + j]) throw new AssertionError("transpose at " + b + "," + r + "," + j);
        }
        if (vector != null) {
            float[] v = random(60), s2 = v.clone();
            vector.transposeBatched(3, 4, 5, src, 0, v, 0, true);
            SCALAR.transposeBatched(3, 4, 5, src, 0, s2, 0, true);
            assertArrayEquals(s2, v, 0f, "transposeBatched");
        }
    }
}
