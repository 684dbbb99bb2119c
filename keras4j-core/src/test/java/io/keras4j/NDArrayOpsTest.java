package io.keras4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The numpy operations tutorials apply to data; expected values by hand or from numpy ({@code utils/reference_utils.py}). */
class NDArrayOpsTest {
    static final NDArray X = NDArray.of(new float[][] {{1f, -2f, 3f}, {4f, 0.5f, -6f}});

    @Test
    void conversions() {
        assertArrayEquals(new float[] {1, 2, 3, 4}, NDArray.of(new int[] {1, 2, 3, 4}, 2, 2).toFloatArray());
        assertArrayEquals(new float[] {0.1f, 2.5f}, NDArray.of(new double[] {0.1, 2.5}, 2).toFloatArray());
        assertArrayEquals(new int[] {2, 2}, NDArray.of(new double[][] {{1, 2}, {3, 4}}).shape());
        assertArrayEquals(new int[] {1, 3}, NDArray.of(new int[][] {{1, 2, 3}}).shape());
        assertArrayEquals(new int[] {1, -2, 3, 4, 0, -6}, X.toIntArray());
        assertEquals(0.5, X.toDoubleArray()[4]);
    }

    @Test
    void scalarAndBroadcastArithmetic() {
        assertArrayEquals(new float[] {1f / 255, -2f / 255, 3f / 255, 4f / 255, 0.5f / 255, -6f / 255}, X.div(255).toFloatArray());
        assertArrayEquals(new float[] {2, -1, 4, 5, 1.5f, -5}, X.add(1).toFloatArray());
        assertArrayEquals(new float[] {2, -4, 6, 8, 1, -12}, X.mul(2).toFloatArray());
        assertArrayEquals(new float[] {0, -3, 2, 3, -0.5f, -7}, X.sub(1).toFloatArray());
        NDArray row = NDArray.of(new float[] {1, 2, 3}, 3), col = NDArray.of(new float[] {10, 20}, 2, 1);
        assertArrayEquals(new float[] {2, 0, 6, 5, 2.5f, -3}, X.add(row).toFloatArray(), "(2, 3) + (3,)");
        assertArrayEquals(new float[] {10, -20, 30, 80, 10, -120}, X.mul(col).toFloatArray(), "(2, 3) * (2, 1)");
        NDArray outer = col.add(row);
        assertArrayEquals(new int[] {2, 3}, outer.shape(), "(2, 1) + (3,)");
        assertArrayEquals(new float[] {11, 12, 13, 21, 22, 23}, outer.toFloatArray());
        assertArrayEquals(new float[] {1, -1, 1, 4, 0.25f, -2}, X.div(row).toFloatArray());
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0}, X.sub(X).toFloatArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> X.add(NDArray.zeros(2)));
        assertEquals(true, e.getMessage().contains("(2, 3)") && e.getMessage().contains("(2,)"), e.getMessage());
    }

    @Test
    void reductionsPerAxis() {
        assertArrayEquals(new float[] {2.5f, -0.75f, -1.5f}, X.mean(0).toFloatArray());
        assertArrayEquals(new float[] {2f / 3, -1.5f / 3}, X.mean(1).toFloatArray(), 1e-7f);
        assertArrayEquals(new float[] {1.5f, 1.25f, 4.5f}, X.std(0).toFloatArray());
        assertArrayEquals(new float[] {2.054804801940918f, 4.143267631530762f}, X.std(-1).toFloatArray(), 1e-6f);
        assertEquals(3.321855306625366, X.std(), 1e-6);
        assertArrayEquals(new float[] {5, -1.5f, -3}, X.sum(0).toFloatArray());
        // standardisation as tutorials write it: (x - mean) / std, broadcast over rows
        assertArrayEquals(new float[] {-1, -1, 1, 1, 1, -1}, X.sub(X.mean(0)).div(X.std(0)).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {2, 0}, X.argmax(1).toFloatArray());
    }

    @Test
    void sliceConcatenateSplit() {
        assertArrayEquals(new float[] {-2, 3, 0.5f, -6}, X.slice(1, 1, 3).toFloatArray(), "x[:, 1:3]");
        assertArrayEquals(new int[] {2, 2}, X.slice(1, 1, 3).shape());
        assertArrayEquals(new float[] {1, -2, 4, 0.5f}, X.slice(-1, 0, -1).toFloatArray(), "x[..., :-1]");
        assertArrayEquals(new float[] {4, 0.5f, -6}, X.slice(0, 1, 5).toFloatArray(), "clamped as numpy");
        NDArray c1 = NDArray.concatenate(List.of(X, X.slice(1, 0, 1)), 1);
        assertArrayEquals(new int[] {2, 4}, c1.shape());
        assertArrayEquals(new float[] {1, -2, 3, 1, 4, 0.5f, -6, 4}, c1.toFloatArray());
        NDArray c0 = NDArray.concatenate(X, X.mul(10));
        assertArrayEquals(new int[] {4, 3}, c0.shape());
        assertEquals(-60f, c0.get(3, 2));
        assertThrows(IllegalArgumentException.class, () -> NDArray.concatenate(X, NDArray.zeros(2, 2)));
        List<NDArray> parts = c0.split(2, 0);
        assertEquals(X, parts.get(0));
        assertEquals(X.mul(10), parts.get(1));
        List<NDArray> cols = X.split(new int[] {1}, 1);
        assertArrayEquals(new float[] {1, 4}, cols.get(0).toFloatArray());
        assertArrayEquals(new float[] {-2, 3, 0.5f, -6}, cols.get(1).toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> X.split(2, 1));
    }
}
