package io.keras4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CategoricalAccuracyTest {

    /** numpy.argmax of a row: the first maximum. */
    private static int argmax(float[] a, int o, int c) {
        int best = 0;
        for (int j = 1; j < c; j++) if (a[o + j] > a[o + best]) best = j;
        return best;
    }

    @Test
    void matchesArgmaxOnTiesSignedZerosAndRandomRows() {
        float[] values = {0f, -0f, 1f, 0.5f, -2f, 1e-7f, Float.MIN_VALUE};
        Random r = new Random(4);
        for (int c : new int[] {2, 3}) {
            int rows = 500;
            float[] y = new float[rows * c], p = new float[rows * c];
            for (int i = 0; i < y.length; i++) {
                y[i] = values[r.nextInt(values.length)];
                p[i] = i % 3 == 0 ? values[r.nextInt(values.length)] : (float) r.nextGaussian();
            }
            int hits = 0;
            for (int i = 0; i < rows; i++) if (argmax(y, i * c, c) == argmax(p, i * c, c)) hits++;
            Metric m = new CategoricalAccuracy("accuracy");
            m.update(y, 0, p, 0, rows, c);
            assertEquals((double) hits / rows, m.result(), 0.0, "c=" + c);
        }
    }
}
