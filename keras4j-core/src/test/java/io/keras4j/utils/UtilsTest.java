package io.keras4j.utils;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keras4j.NDArray;
import org.junit.jupiter.api.Test;

/** to_categorical and normalize against Keras's definitions (numpy values from {@code utils/reference_utils.py}). */
class UtilsTest {

    @Test
    void toCategoricalOneHotRowsAndShapes() {
        NDArray y = NDArray.of(new int[] {2, 0, 1}, 3);
        NDArray c = Utils.toCategorical(y, 4);
        assertArrayEquals(new int[] {3, 4}, c.shape());
        assertArrayEquals(new float[] {0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0}, c.toFloatArray());
        // (n, 1) drops its last axis first, as Keras; a 2-D grid of ids gets a class axis
        assertArrayEquals(new int[] {3, 3}, Utils.toCategorical(NDArray.of(new int[] {2, 0, 1}, 3, 1), 3).shape());
        assertArrayEquals(new int[] {2, 2, 3}, Utils.toCategorical(NDArray.of(new int[] {0, 1, 2, 1}, 2, 2), 3).shape());
        assertArrayEquals(new int[] {3, 3}, Utils.toCategorical(y).shape(), "num_classes = max + 1");
        assertThrows(IllegalArgumentException.class, () -> Utils.toCategorical(y, 2));
    }

    @Test
    void normalizeByTheNormAlongAnAxis() {
        NDArray x = NDArray.of(new float[][] {{1f, -2f, 3f}, {4f, 0.5f, -6f}});
        assertArrayEquals(new float[] {0.26726123690605164f, -0.5345224738121033f, 0.8017836809158325f, 0.5533716082572937f,
            0.06917145103216171f, -0.8300573825836182f}, Utils.normalize(x).toFloatArray(), 1e-7f);
        assertArrayEquals(new float[] {0.2f, -0.8f, 0.3333333432674408f, 0.8f, 0.2f, -0.6666666865348816f},
                Utils.normalize(x, 0, 1).toFloatArray(), 1e-7f);
        NDArray z = NDArray.of(new float[][] {{0f, 0f}, {3f, 4f}});
        assertArrayEquals(new float[] {0f, 0f, 0.6f, 0.8f}, Utils.normalize(z).toFloatArray(), 1e-7f, "a zero row stays zero");
    }
}
