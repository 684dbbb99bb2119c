package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Dense;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reproduces the independent reference runs (PyTorch with Keras formulas) through the public
 * API only: History losses and predictions within relative 1e-4, weights within 1e-3.
 */
class ReferenceRunsTest {

    @ParameterizedTest
    @ValueSource(strings = {"xor_sgd_momentum_decay.txt", "mlp3_adam_cce.txt", "reg_rmsprop_mse.txt",
            "bit_nesterov_bce.txt", "reg_adagrad_mae.txt"})
    void reproducesReferenceRun(String file) throws Exception {
        ReferenceRun r = ReferenceRun.load(file);
        Sequential model = new Sequential();
        for (int i = 0; i < r.units.size(); i++) {
            Dense d = new Dense(r.units.get(i), r.activations.get(i));
            model.add(i == 0 ? d.inputDim(r.inputDim) : d);
        }
        model.compile(ReferenceRun.optimizer(r.optimizer, r.optimizerArgs), r.loss);
        model.setWeights(r.initialWeights);

        History h = model.fit(r.x, r.y, new FitOptions().epochs(r.epochs).batchSize(r.batchSize).shuffle(false).verbose(0));

        List<Double> loss = h.history().get("loss");
        assertEquals(r.expectLoss.length, loss.size(), "epochs in History");
        for (int e = 0; e < loss.size(); e++) ReferenceRun.close(r.expectLoss[e], loss.get(e), 1e-4, 1e-5, r.name + " loss of epoch " + e);
        List<NDArray> w = model.getWeights();
        for (int i = 0; i < w.size(); i++) {
            assertArrayEquals(r.expectWeights.get(i).shape(), w.get(i).shape());
            ReferenceRun.closeAll(r.expectWeights.get(i).toFloatArray(), w.get(i).toFloatArray(), 1e-3, 1e-5, r.name + " weight " + i);
        }
        NDArray pred = model.predict(r.xTest);
        assertArrayEquals(r.expectPred.shape(), pred.shape());
        ReferenceRun.closeAll(r.expectPred.toFloatArray(), pred.toFloatArray(), 1e-4, 1e-5, r.name + " predictions");
    }
}
