package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A single-sample predict may skip the weights of zero inputs (the vector kernels do, for
 * finite weights): the values stay those of a batch, and a weight that is not finite still
 * turns a zero input into NaN, as {@code 0 * inf} does in Keras, however it got there.
 */
class SingleSamplePredictTest {
    private static final int IN = 100, UNITS = 64;

    /** An input with its first half zero (a blank border) and its second half not. */
    private static float[] halfBlank() {
        float[] x = new float[IN];
        for (int p = IN / 2; p < IN; p++) x[p] = 0.01f * (p % 7 + 1);
        return x;
    }

    private static boolean anyNaN(NDArray a) {
        for (float v : a.toFloatArray()) if (Float.isNaN(v)) return true;
        return false;
    }

    @Test
    void oneSampleGivesTheValuesOfItsRowInABatch() {
        Utils.setRandomSeed(5);
        Sequential model = new Sequential();
        model.add(new Dense(UNITS, "relu").inputDim(IN));
        model.add(new Dense(UNITS, "relu"));
        model.add(new Dense(3, "softmax"));
        float[] one = halfBlank(), batch = new float[8 * IN];
        for (int r = 0; r < 8; r++) System.arraycopy(one, 0, batch, r * IN, IN);
        float[] single = model.predict(NDArray.of(one, 1, IN)).toFloatArray();
        float[] rows = model.predict(NDArray.of(batch, 8, IN)).toFloatArray();
        for (int j = 0; j < 3; j++) {
            assertEquals(rows[5 * 3 + j], single[j], 1e-6, "class " + j);
        }
    }

    private static Sequential wide() {
        Sequential model = new Sequential();
        model.add(new Dense(512, "relu").inputDim(IN));
        model.add(new Dense(3, "softmax"));
        model.compile(new SGD().learningRate(0.1), "categorical_crossentropy");
        return model;
    }

    /**
     * Single predicts read a packed copy of the weights once they stay the same: it follows every
     * change. (The batch results come from a second model given the same weights: a batch predict
     * would re-plan this model's predict, and with it drop the copy.)
     */
    @Test
    void repeatedPredictsFollowTheWeightsThroughSetWeightsAndFit() {
        Utils.setRandomSeed(8);
        Sequential model = wide(), reference = wide();
        float[] one = halfBlank(), batch = new float[8 * IN];
        for (int r = 0; r < 8; r++) System.arraycopy(one, 0, batch, r * IN, IN);
        NDArray x = NDArray.of(one, 1, IN), xs = NDArray.of(batch, 8, IN);
        for (int change = 0; change < 3; change++) {
            if (change == 1) { // new weights through setWeights
                List<NDArray> w = model.getWeights();
                float[] kernel = w.get(0).toFloatArray();
                for (int i = 0; i < kernel.length; i++) kernel[i] = -kernel[i] + 0.01f * (i % 5);
                model.setWeights(List.of(NDArray.of(kernel, IN, 512), w.get(1), w.get(2), w.get(3)));
            } else if (change == 2) { // and through a training step
                float[] target = new float[8 * 3];
                for (int r = 0; r < 8; r++) target[r * 3 + r % 3] = 1f;
                model.fit(xs, NDArray.of(target, 8, 3), new FitOptions().epochs(1).batchSize(8).verbose(0));
            }
            reference.setWeights(model.getWeights());
            float[] rows = reference.predict(xs).toFloatArray();
            for (int call = 0; call < 4; call++) { // the first reads the weights in place, later ones a packed copy
                float[] single = model.predict(x).toFloatArray();
                for (int j = 0; j < 3; j++) {
                    assertEquals(rows[3 + j], single[j], 1e-6, "change " + change + ", call " + call + ", class " + j);
                }
            }
        }
    }

    @Test
    void anInfiniteWeightTimesAZeroInputIsNaNAfterSetWeights() {
        Utils.setRandomSeed(6);
        Sequential model = new Sequential();
        model.add(new Dense(UNITS, "relu").inputDim(IN));
        model.add(new Dense(3));
        NDArray x = NDArray.of(halfBlank(), 1, IN);
        assertFalse(anyNaN(model.predict(x)), "finite weights");
        List<NDArray> w = model.getWeights();
        float[] kernel = w.get(0).toFloatArray();
        kernel[3 * UNITS + 10] = Float.POSITIVE_INFINITY; // row 3: its input is 0
        model.setWeights(List.of(NDArray.of(kernel, IN, UNITS), w.get(1), w.get(2), w.get(3)));
        assertTrue(anyNaN(model.predict(x)), "0 * inf must give NaN");
        model.setWeights(w);
        assertFalse(anyNaN(model.predict(x)), "finite again after setWeights");
    }

    @Test
    void weightsMadeInfiniteByTrainingAreSeenByTheNextPredict() {
        Utils.setRandomSeed(7);
        Sequential model = new Sequential();
        model.add(new Dense(UNITS).inputDim(IN).useBias(false)); // one layer: only the trained rows change
        model.compile(new SGD().learningRate(1e38), "mse");
        NDArray x = NDArray.of(halfBlank(), 1, IN);
        assertFalse(anyNaN(model.predict(x)), "finite weights, checked and remembered");
        // train on inputs that are non-zero only where x is zero: those rows of the kernel overflow
        float[] train = new float[4 * IN];
        for (int r = 0; r < 4; r++) for (int p = 0; p < IN / 2; p++) train[r * IN + p] = 1f;
        float[] target = new float[4 * UNITS];
        java.util.Arrays.fill(target, 1e6f);
        model.fit(NDArray.of(train, 4, IN), NDArray.of(target, 4, UNITS), new FitOptions().epochs(1).batchSize(4).verbose(0));
        float[] kernel = model.getWeights().get(0).toFloatArray();
        boolean overflowed = false;
        for (int i = 0; i < IN / 2 * UNITS; i++) overflowed |= !Float.isFinite(kernel[i]);
        for (int i = IN / 2 * UNITS; i < IN * UNITS; i++) assertTrue(Float.isFinite(kernel[i]), "rows of zero training input stay");
        assertTrue(overflowed, "the step overflows the trained rows");
        assertTrue(anyNaN(model.predict(x)), "0 * inf must give NaN after the step");
    }
}
