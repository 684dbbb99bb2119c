package io.keras4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FastMathTest {

    private static void within(double expected, float actual, int ulps, String what) {
        float e = (float) expected;
        assertTrue(Math.abs(actual - e) <= ulps * Math.ulp(e), what + ": expected " + e + ", got " + actual);
    }

    @Test
    void expWithinTwoUlps() {
        Random r = new Random(1);
        for (int i = 0; i < 200_000; i++) {
            float x = (float) ((r.nextDouble() * 2 - 1) * 87);
            within(Math.exp(x), FastMath.exp(x), 2, "exp(" + x + ")");
        }
        for (float x : new float[] {0f, 1f, -1f, 1e-8f, -1e-8f, 88.7f, -87.3f}) within(Math.exp(x), FastMath.exp(x), 2, "exp(" + x + ")");
        assertEquals(Float.POSITIVE_INFINITY, FastMath.exp(100f));
        assertEquals(0f, FastMath.exp(-200f));
        // results below Float.MIN_NORMAL are flushed to zero (TensorFlow's CPU kernels run in flush-to-zero mode)
        assertEquals(0f, FastMath.exp(-87.34f));
        assertEquals(0f, FastMath.exp(-100f));
        assertTrue(FastMath.exp(-87.33f) >= Float.MIN_NORMAL);
        assertTrue(Float.isNaN(FastMath.exp(Float.NaN)));
    }

    @Test
    void logWithinTwoUlps() {
        Random r = new Random(2);
        for (int i = 0; i < 200_000; i++) {
            float x = (float) Math.exp((r.nextDouble() * 2 - 1) * 80);
            float got = FastMath.log(x);
            double want = Math.log(x);
            assertTrue(Math.abs(got - want) <= 2 * Math.ulp((float) want) + 1e-7f, "log(" + x + "): " + want + " vs " + got);
        }
        for (float x : new float[] {1f, 1e-7f, 1f - 1e-7f, 0.5f, 2f, Float.MIN_NORMAL, 1e-40f, Float.MAX_VALUE}) {
            assertEquals(Math.log(x), FastMath.log(x), 2 * Math.ulp((float) Math.log(x)) + 1e-7, "log(" + x + ")");
        }
        assertEquals(Float.NEGATIVE_INFINITY, FastMath.log(0f));
        assertTrue(Float.isNaN(FastMath.log(-1f)));
    }

    @Test
    void greaterIsTheComparisonAndSelectPicksByMask() {
        float[] special = {0f, -0f, 1f, -1f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
            -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1e-7f, 1f - 1e-7f};
        for (float a : special) {
            for (float b : special) assertEquals(a > b ? 1 : 0, FastMath.greater(a, b), a + " > " + b);
        }
        Random r = new Random(3);
        for (int i = 0; i < 100_000; i++) {
            float a = Float.intBitsToFloat(r.nextInt()), b = i % 2 == 0 ? Float.intBitsToFloat(r.nextInt()) : Math.nextUp(a);
            assertEquals(a > b ? 1 : 0, FastMath.greater(a, b), a + " > " + b);
            assertEquals(b > a ? 1 : 0, FastMath.greater(b, a), b + " > " + a);
        }
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(FastMath.select(-1, -0f, 2f)));
        assertEquals(2f, FastMath.select(0, -0f, 2f));
        assertTrue(Float.isNaN(FastMath.select(-1, Float.NaN, 2f)));
    }
}
