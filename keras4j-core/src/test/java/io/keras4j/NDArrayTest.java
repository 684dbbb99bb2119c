package io.keras4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.utils.Utils;
import org.junit.jupiter.api.Test;

class NDArrayTest {

    @Test
    void reprMatchesNumpy() {
        // numpy: np.random.seed(0); np.random.randn(5, 2).astype(np.float32)
        NDArray a = NDArray.of(new float[] {1.7640524f, 0.4001572f, 0.978738f, 2.2408931f, 1.867558f, -0.9772779f,
                0.95008844f, -0.1513572f, -0.10321885f, 0.41059852f}, 5, 2);
        assertEquals("array([[ 1.7640524 ,  0.4001572 ],\n"
                + "       [ 0.978738  ,  2.2408931 ],\n"
                + "       [ 1.867558  , -0.9772779 ],\n"
                + "       [ 0.95008844, -0.1513572 ],\n"
                + "       [-0.10321885,  0.41059852]], dtype=float32)", a.toString());
        assertEquals("array([[0., 1.],\n       [1., 0.]], dtype=float32)", NDArray.of(new float[] {0, 1, 1, 0}, 2, 2).toString());
        assertEquals("array([ 0.5 , -2.  ,  3.25], dtype=float32)", NDArray.of(new float[] {0.5f, -2f, 3.25f}, 3).toString());
        assertEquals("array(3., dtype=float32)", NDArray.of(new float[] {3f}).toString());
        assertEquals("array([1.0e-05, 1.5e+00], dtype=float32)", NDArray.of(new float[] {1e-5f, 1.5f}, 2).toString());
    }

    @Test
    void largeArraysAreSummarisedAsNumpyDoes() {
        String s = NDArray.zeros(2000, 2).toString();
        assertEquals("array([[0., 0.],\n       [0., 0.],\n       [0., 0.],\n       ...,\n"
                + "       [0., 0.],\n       [0., 0.],\n       [0., 0.]], dtype=float32)", s);
    }

    @Test
    void shapeSlicingReshapeArgmax() {
        NDArray a = NDArray.of(new float[][] {{1, 5, 2}, {7, 0, 7}, {-1, -2, -3}});
        assertArrayEquals(new int[] {3, 3}, a.shape());
        assertEquals(7f, a.get(1, 2));
        assertEquals(-3f, a.get(-1, -1));
        assertArrayEquals(new float[] {7, 0, 7, -1, -2, -3}, a.rows(1, 3).toFloatArray());
        assertArrayEquals(new int[] {2, 3}, a.rows(1, 3).shape());
        assertArrayEquals(new float[] {1, 0, 0}, a.argmax(1).toFloatArray(), "first maximum wins ties");
        assertArrayEquals(new float[] {1, 0, 1}, a.argmax(0).toFloatArray());
        assertArrayEquals(new int[] {9, 1}, a.reshape(-1, 1).shape());
        assertArrayEquals(new float[] {7, 0, 7}, a.row(1).toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> a.reshape(4, -1));
        assertThrows(IllegalArgumentException.class, () -> NDArray.of(new float[5], 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> a.get(3, 0));
    }

    @Test
    void copiesProtectTheArray() {
        float[] d = {1, 2};
        NDArray a = NDArray.of(d, 2);
        d[0] = 9;
        a.toFloatArray()[1] = 9;
        assertArrayEquals(new float[] {1, 2}, a.toFloatArray());
    }

    @Test
    void randnIsSeededAndStandardNormal() {
        Utils.setRandomSeed(5);
        NDArray a = NDArray.randn(100000);
        Utils.setRandomSeed(5);
        assertEquals(a, NDArray.randn(100000));
        double mean = a.mean();
        double var = 0;
        for (float v : a.toFloatArray()) var += (v - mean) * (v - mean);
        var /= 100000;
        assertTrue(Math.abs(mean) < 0.02 && Math.abs(var - 1) < 0.02, "mean " + mean + " var " + var);
    }
}
