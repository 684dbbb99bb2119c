package io.keras4j.layers;

import static io.keras4j.layers.TfjsNormalizationReference.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import io.keras4j.regularizers.L2;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A training run through BatchNormalization and a kernel penalty against TensorFlow.js 4.22
 * ({@code tfjs_reference.js}, last section): History's loss (penalty included), every final
 * weight (moving statistics included) and the inference-mode predictions.
 */
class BatchNormTrainingRunTest {
    @Test
    void fitMatchesTfjs() {
        Sequential m = new Sequential();
        m.add(new Dense(4, "tanh").inputShape(3).kernelRegularizer(new L2(0.01)));
        m.add(new BatchNormalization().momentum(0.8));
        m.add(new Dense(2));
        // Keras order; tfjs printed its weights trainable first (see the names in the reference)
        m.setWeights(List.of(NDArray.of(FIT_K1, 3, 4), NDArray.of(new float[] {0.1f, -0.1f, 0.2f, 0}, 4),
                NDArray.of(new float[] {1.2f, 0.8f, 1, 1.1f}, 4), NDArray.of(new float[] {0, 0.1f, -0.1f, 0.2f}, 4),
                NDArray.of(new float[] {0.1f, 0, -0.1f, 0.05f}, 4), NDArray.of(new float[] {1, 0.9f, 1.2f, 0.7f}, 4),
                NDArray.of(FIT_K2, 4, 2), NDArray.of(new float[] {0.05f, -0.05f}, 2)));
        m.compile(new SGD().learningRate(0.3), "mse");
        NDArray x = NDArray.of(FIT_X, 8, 3), y = NDArray.of(FIT_Y, 8, 2);
        History h = m.fit(x, y, new FitOptions().epochs(2).batchSize(4).shuffle(false).verbose(0));
        List<Double> loss = h.history().get("loss");
        for (int e = 0; e < 2; e++) assertEquals(FIT_LOSS[e], loss.get(e), 1e-5 * FIT_LOSS[e], "epoch " + e + " loss");
        List<NDArray> w = m.getWeights();
        float[][] expected = {FIT_W0, FIT_W1, FIT_W2, FIT_W3, FIT_W6, FIT_W7, FIT_W4, FIT_W5};
        String[] names = {"kernel", "bias", "gamma", "beta", "moving_mean", "moving_variance", "kernel_1", "bias_1"};
        for (int i = 0; i < expected.length; i++) assertArrayEquals(expected[i], w.get(i).toFloatArray(), 2e-5f, names[i]);
        assertArrayEquals(FIT_PRED, m.predict(x).toFloatArray(), 2e-5f, "predictions (moving statistics)");
    }
}
