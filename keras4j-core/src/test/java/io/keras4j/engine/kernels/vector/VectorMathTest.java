package io.keras4j.engine.kernels.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keras4j.engine.FastMath;
import io.keras4j.engine.kernels.GateActivation;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vector gates give, lane for lane, the bits of their scalar twins {@link FastMath#tanh} and
 * {@link FastMath#sigmoid} (which only use float arithmetic Java defines exactly), on every kind
 * of value (either branch of tanh, saturation, exp's range ends, zeros, infinities, NaN), at
 * every position of a vector and in the tail. Run often enough for C2 to compile the loops, so
 * the compiled code is compared as well as the interpreted.
 */
class VectorMathTest {
    private static final float[] SPECIAL = {0f, -0f, 1e-30f, -1e-30f, Float.MIN_VALUE, 0.625f, -0.625f,
        Math.nextDown(0.625f), -Math.nextDown(0.625f), 43.6f, -43.7f, 44f, 87.3f, -87.3f, 87.4f, -87.4f, 88.7f, 88.8f,
        -88.8f, 100f, -100f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};

    private static float[] values(Random r, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = r.nextInt(8) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : (float) (r.nextGaussian() * (r.nextBoolean() ? 0.5 : 8));
        }
        return x;
    }

    @Test
    void lanesEqualTheScalarTwinsBitForBit() {
        Random r = new Random(6);
        int[] lens = {1, VectorKernels.L - 1, VectorKernels.L, VectorKernels.L + 1, 3 * VectorKernels.L + 5, 200};
        for (int round = 0; round < 3000; round++) {
            int len = lens[round % lens.length], off = round % 3;
            float[] x = values(r, len + off);
            float[] t = new float[len + 2], s = new float[len + 2];
            VectorMath.apply(GateActivation.TANH, x, off, t, 1, len);
            VectorMath.apply(GateActivation.SIGMOID, x, off, s, 1, len);
            for (int i = 0; i < len; i++) {
                float v = x[off + i];
                assertEquals(Float.floatToIntBits(FastMath.tanh(v)), Float.floatToIntBits(t[1 + i]), "tanh(" + v + ") at " + i);
                assertEquals(Float.floatToIntBits(FastMath.sigmoid(v)), Float.floatToIntBits(s[1 + i]), "sigmoid(" + v + ") at " + i);
            }
            assertEquals(0f, t[0]);
            assertEquals(0f, t[len + 1]);
            // in place, as the gate kernels call it
            float[] y = x.clone();
            VectorMath.apply(GateActivation.SIGMOID, y, off, y, off, len);
            for (int i = 0; i < len; i++) assertEquals(Float.floatToIntBits(s[1 + i]), Float.floatToIntBits(y[off + i]));
        }
    }

    @Test
    void linearCopies() {
        float[] x = {1f, -2f, 3f}, y = new float[3];
        VectorMath.apply(GateActivation.LINEAR, x, 0, y, 0, 3);
        assertEquals(-2f, y[1]);
    }
}
