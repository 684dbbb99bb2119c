package io.keras4j.layers;

import static io.keras4j.layers.TfjsNormalizationReference.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keras4j.NDArray;
import io.keras4j.models.Sequential;
import org.junit.jupiter.api.Test;

/** The activation layers' values against TensorFlow.js (see {@link TfjsNormalizationReference}) and by hand. */
class ActivationLayersValuesTest {
    private static final int[] SHAPE = {2, 2, 3};

    private static float[] predict(Layer l, int[] shape, float[] x) {
        Sequential m = new Sequential();
        m.add(l.inputShape(shape));
        int[] full = new int[shape.length + 1];
        int row = 1;
        for (int d = 0; d < shape.length; d++) {
            full[d + 1] = shape[d];
            row *= shape[d];
        }
        full[0] = x.length / row;
        return m.predict(NDArray.of(x, full)).toFloatArray();
    }

    @Test
    void againstTfjs() {
        assertArrayEquals(RELU_MAX_1, predict(new ReLU().maxValue(1.0), SHAPE, ACT_X), 1e-6f);
        assertArrayEquals(LEAKY_DEFAULT, predict(new LeakyReLU(), SHAPE, ACT_X), 1e-6f);
        assertArrayEquals(ELU_DEFAULT, predict(new ELU(), SHAPE, ACT_X), 1e-6f);
        assertArrayEquals(THRESHOLDED_0_5, predict(new ThresholdedReLU(0.5), SHAPE, ACT_X), 1e-6f);
        assertArrayEquals(SOFTMAX_LAST, predict(new Softmax(), SHAPE, ACT_X), 1e-6f);
        assertArrayEquals(SOFTMAX_AXIS_2, predict(new Softmax(2), SHAPE, ACT_X), 1e-6f);
        PReLU p = new PReLU().sharedAxes(1, 2);
        Sequential m = new Sequential();
        m.add(p.inputShape(SHAPE));
        m.setWeights(java.util.List.of(NDArray.of(new float[] {0.1f, -0.2f, 0.5f}, 1, 1, 3)));
        assertArrayEquals(PRELU_SHARED_1_2, m.predict(NDArray.of(ACT_X, 2, 2, 2, 3)).toFloatArray(), 1e-6f);
    }

    @Test
    void reluSlopeThresholdAndMaxByHand() {
        // Keras 3: x > t ? min(x, max) : slope * (x - t), here t = 1, max = 2.5, slope = 0.5
        float[] x = {-2, 0, 0.5f, 1, 1.5f, 2.5f, 4};
        float[] y = {-1.5f, -0.5f, -0.25f, 0, 1.5f, 2.5f, 2.5f};
        assertArrayEquals(y, predict(new ReLU().maxValue(2.5).negativeSlope(0.5).threshold(1), new int[] {7}, x), 1e-6f);
        // negative slope alone: leaky
        assertArrayEquals(new float[] {-0.2f, 0, 3}, predict(new ReLU().negativeSlope(0.1), new int[] {3}, new float[] {-2, 0, 3}), 1e-7f);
        assertThrows(IllegalArgumentException.class, () -> new ReLU().maxValue(-1.0));
        assertThrows(IllegalArgumentException.class, () -> new LeakyReLU(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new ThresholdedReLU(-1));
    }

    @Test
    void preluAlphaPerElementByHand() {
        PReLU p = new PReLU();
        Sequential m = new Sequential();
        m.add(p.inputShape(3));
        m.setWeights(java.util.List.of(NDArray.of(new float[] {0.25f, 0.5f, 2f}, 3)));
        assertArrayEquals(new float[] {-1, 3, -4, 4, -0.5f, 0}, m.predict(NDArray.of(new float[] {-4, 3, -2, 4, -1, 0}, 2, 3)).toFloatArray(), 0f);
    }

    @Test
    void badInputShapesFailAtAdd() {
        Sequential m = new Sequential();
        m.add(new io.keras4j.layers.Dense(4).inputShape(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.add(new Softmax(2)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("Softmax") && e.getMessage().contains("(None, 4)"), e.getMessage());
        Sequential m2 = new Sequential();
        m2.add(new io.keras4j.layers.Dense(4).inputShape(3));
        e = assertThrows(IllegalArgumentException.class, () -> m2.add(new PReLU().sharedAxes(2)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("PReLU"), e.getMessage());
    }
}
