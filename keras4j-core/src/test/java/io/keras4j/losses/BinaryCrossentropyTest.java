package io.keras4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The loss value against Keras's formula, clipped in float32 and then computed term by term in double. */
class BinaryCrossentropyTest {

    private static double keras(float[] p, float[] y, int rows, int c) {
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            double row = 0;
            for (int j = 0; j < c; j++) {
                // clipped in float32, as Keras: 1 - 1e-7 rounds to 1 - 2^-23
                float q = Math.min(Math.max(p[r * c + j], 1e-7f), (float) (1 - 1e-7)), q1 = 1f - q;
                double t = y[r * c + j];
                row += -(t * Math.log(q) + (1 - t) * Math.log(q1));
            }
            sum += row / c;
        }
        return sum;
    }

    @Test
    void hardSoftAndMixedLabelsOnEveryLengthMatchTheFormula() {
        Random rnd = new Random(5);
        BinaryCrossentropy bce = new BinaryCrossentropy();
        for (int kind = 0; kind < 3; kind++) {
            for (int rows : new int[] {1, 2, 3, 7, 100}) {
                for (int c : new int[] {1, 2, 3, 5}) {
                    float[] p = new float[rows * c + 1], y = new float[rows * c + 1];
                    for (int i = 0; i < rows * c; i++) {
                        // probabilities across the range, clipped ends included
                        p[i + 1] = i % 11 == 0 ? 0f : i % 13 == 0 ? 1f : rnd.nextFloat();
                        boolean hard = kind == 0 || (kind == 2 && rnd.nextInt(5) > 0);
                        y[i + 1] = hard ? rnd.nextInt(2) : rnd.nextFloat();
                    }
                    float[] p0 = java.util.Arrays.copyOfRange(p, 1, p.length), y0 = java.util.Arrays.copyOfRange(y, 1, y.length);
                    double want = keras(p0, y0, rows, c), got = bce.lossSum(p, 1, y, 1, rows, c);
                    assertEquals(want, got, 1e-6 * rows * Math.max(1, want / rows),
                            "kind " + kind + ", " + rows + " rows of " + c);
                }
            }
        }
    }

    /**
     * The gradient against Keras's: {@code dL/dq = -t/q + (1-t)/(1-q)} where q is inside the clip
     * (bounds included), 0 where the clip holds it; to the bit for hard labels, whose one
     * division must equal the formula's.
     */
    @Test
    void gradientMatchesTheFormulaToTheBitAndIsZeroWhereClipped() {
        float eps = 1e-7f, top = (float) (1 - 1e-7);
        float[] edges = {0f, eps, Math.nextDown(eps), Math.nextUp(eps), top, Math.nextDown(top), Math.nextUp(top), 1f,
            0.5f, 0.25f, 1e-3f, 0.999f, Float.NaN};
        Random rnd = new Random(6);
        BinaryCrossentropy bce = new BinaryCrossentropy();
        int len = 400;
        float[] p = new float[len], y = new float[len], dp = new float[len], want = new float[len];
        for (int i = 0; i < len; i++) {
            p[i] = i < 2 * edges.length ? edges[i / 2] : rnd.nextFloat();
            y[i] = i % 2 == 0 ? 0f : 1f;
            if (i >= len / 2) y[i] = i % 3 == 0 ? rnd.nextFloat() : y[i]; // soft labels in the second half
            dp[i] = want[i] = (float) rnd.nextGaussian();
        }
        float scale = 0.37f, sc = scale / 2;
        for (int i = 0; i < len; i++) {
            float t = y[i], v = p[i];
            if (v >= eps && v <= top) want[i] += sc * (-t / v + (1 - t) / (1 - v));
        }
        bce.gradRows(p, 0, y, 0, len / 2, 2, scale, dp, 0);
        for (int i = 0; i < len; i++) {
            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(dp[i]),
                    "q=" + p[i] + " t=" + y[i] + ": " + want[i] + " vs " + dp[i]);
        }
    }
}
