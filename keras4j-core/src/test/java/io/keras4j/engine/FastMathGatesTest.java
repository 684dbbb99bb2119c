package io.keras4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link FastMath#tanh} and {@link FastMath#sigmoid} (the vector gate kernels' scalar twins) against Math in double. */
class FastMathGatesTest {

    private static void within(double expected, float actual, int ulps, String what) {
        float e = (float) expected;
        assertTrue(Math.abs(actual - e) <= ulps * Math.ulp(e), what + ": expected " + e + ", got " + actual);
    }

    @Test
    void tanhWithinThreeUlps() {
        Random r = new Random(4);
        for (int i = 0; i < 300_000; i++) {
            float x = (float) (r.nextGaussian() * (i % 3 == 0 ? 0.4 : i % 3 == 1 ? 2 : 12));
            within(Math.tanh(x), FastMath.tanh(x), 3, "tanh(" + x + ")");
        }
        for (float x : new float[] {0.625f, -0.625f, Math.nextDown(0.625f), 1e-30f, -1e-30f, Float.MIN_VALUE, 9f, 9.1f, 20f, -20f, 50f}) {
            within(Math.tanh(x), FastMath.tanh(x), 3, "tanh(" + x + ")");
        }
        assertEquals(1f, FastMath.tanh(Float.POSITIVE_INFINITY));
        assertEquals(-1f, FastMath.tanh(Float.NEGATIVE_INFINITY));
        assertEquals(1f, FastMath.tanh(10f));
        assertTrue(Float.isNaN(FastMath.tanh(Float.NaN)));
        assertEquals(0f, FastMath.tanh(0f));
    }

    @Test
    void sigmoidWithinThreeUlpsAndSaturates() {
        Random r = new Random(5);
        for (int i = 0; i < 300_000; i++) {
            float x = (float) (r.nextGaussian() * 6);
            within(1 / (1 + Math.exp(-x)), FastMath.sigmoid(x), 3, "sigmoid(" + x + ")");
        }
        assertEquals(0.5f, FastMath.sigmoid(0f));
        assertEquals(1f, FastMath.sigmoid(100f));
        assertEquals(0f, FastMath.sigmoid(-100f));
        assertEquals(1f, FastMath.sigmoid(Float.POSITIVE_INFINITY));
        assertEquals(0f, FastMath.sigmoid(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(FastMath.sigmoid(Float.NaN)));
    }
}
