package io.keras4j.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The recurrent gate kernels: Vector API against the scalar twin on odd unit counts (1, 7,
 * lanes-1, lanes, lanes+1, 2 lanes+3) and row counts, for the vectorised activations (tanh,
 * sigmoid, linear) and one that falls back (hard_sigmoid); and GateActivation's exp-based tanh
 * against {@code Math.tanh}.
 */
class RecurrentKernelsTest {
    private static Kernels vector;
    private static final Kernels SCALAR = new ScalarKernels();
    private final Random rnd = new Random(11);

    @BeforeAll
    static void load() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "Vector API module absent");
        vector = KernelsProvider.vectorOrNull();
        assertNotNull(vector, "the module is present, so the vector kernels must load");
    }

    private static int lanes() {
        return Integer.parseInt(vector.name().replaceAll(".*?(\\d+) lanes.*", "$1"));
    }

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (rnd.nextGaussian() * 2);
        return a;
    }

    private static void close(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertTrue(Math.abs(want[i] - got[i]) <= 2e-6 * (1 + Math.abs(want[i])), what + " at " + i + ": " + want[i] + " vs " + got[i]);
        }
    }

    private int[] units() {
        int l = lanes();
        return new int[] {1, 7, l - 1, l, l + 1, 2 * l + 3};
    }

    private static final int[][] ACTS = {{GateActivation.TANH, GateActivation.SIGMOID}, {GateActivation.LINEAR, GateActivation.SIGMOID},
        {GateActivation.TANH, GateActivation.HARD_SIGMOID}};

    @Test
    void lstmStepMatchesScalar() {
        for (int u : units()) {
            for (int n : new int[] {1, 3}) {
                for (int[] a : ACTS) {
                    String what = "lstm u=" + u + " n=" + n + " act=" + a[0] + "," + a[1];
                    float[] xp = random(n * 4 * u), hr = random(n * 4 * u), cPrev = random(n * u), dh = random(n * u), dc = random(n * u);
                    float[][] g = new float[2][n * 4 * u], c = new float[2][n * u], h = new float[2][n * u], dp = new float[2][n * 4 * u];
                    float[][] dcs = {dc.clone(), dc.clone()};
                    Kernels[] ks = {SCALAR, vector};
                    for (int k = 0; k < 2; k++) {
                        ks[k].lstmStepForward(n, u, xp, 0, hr, 0, cPrev, 0, a[0], a[1], g[k], 0, c[k], 0, h[k], 0);
                        ks[k].lstmStepBackward(n, u, g[0], 0, cPrev, 0, c[0], 0, dh, 0, dcs[k], 0, a[0], a[1], dp[k], 0);
                    }
                    close(g[0], g[1], what + " gates");
                    close(c[0], c[1], what + " c");
                    close(h[0], h[1], what + " h");
                    close(dp[0], dp[1], what + " dpre");
                    close(dcs[0], dcs[1], what + " dc");
                }
            }
        }
    }

    @Test
    void gruAndSimpleRnnStepsMatchScalar() {
        for (int u : units()) {
            for (int n : new int[] {1, 3}) {
                for (int[] a : ACTS) {
                    String what = "u=" + u + " n=" + n + " act=" + a[0] + "," + a[1];
                    float[] xp = random(n * 3 * u), hr = random(n * 3 * u), hPrev = random(n * u);
                    float[][] g = new float[2][n * 4 * u], h = new float[2][n * u], s = new float[2][n * u];
                    Kernels[] ks = {SCALAR, vector};
                    for (int k = 0; k < 2; k++) {
                        ks[k].gruStepForward(n, u, xp, 0, hr, 0, hPrev, 0, a[0], a[1], g[k], 0, h[k], 0);
                        ks[k].rnnStepForward(n * u, xp, 1, hr, 2, a[0], s[k], 0);
                    }
                    close(g[0], g[1], "gru " + what + " gates");
                    close(h[0], h[1], "gru " + what + " h");
                    close(s[0], s[1], "simple rnn " + what);
                }
            }
        }
    }

    @Test
    void expBasedTanhIsWithinAnUlpOfMathTanh() {
        for (int i = -2000; i <= 2000; i++) {
            float x = i * 0.01f;
            float want = (float) Math.tanh(x);
            assertEquals(want, GateActivation.tanh(x), Math.ulp(want) + 1e-30f, "tanh(" + x + ")");
        }
        assertEquals(1f, GateActivation.tanh(100f), 0f);
        assertEquals(-1f, GateActivation.tanh(-1000f), 0f);
        assertEquals(1e-20f, GateActivation.tanh(1e-20f), 1e-26f);
    }
}
