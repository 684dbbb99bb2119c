package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Dense;
import io.keras4j.optimizers.Adagrad;
import io.keras4j.optimizers.Adam;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.optimizers.RMSprop;
import io.keras4j.optimizers.SGD;
import java.util.List;
import java.util.Map;
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
        model.compile(optimizer(r.optimizer, r.optimizerArgs), r.loss);
        model.setWeights(r.initialWeights);

        History h = model.fit(r.x, r.y, new FitOptions().epochs(r.epochs).batchSize(r.batchSize).shuffle(false).verbose(0));

        List<Double> loss = h.history().get("loss");
        assertEquals(r.expectLoss.length, loss.size(), "epochs in History");
        for (int e = 0; e < loss.size(); e++) close(r.expectLoss[e], loss.get(e), 1e-4, 1e-5, r.name + " loss of epoch " + e);
        List<NDArray> w = model.getWeights();
        for (int i = 0; i < w.size(); i++) {
            assertArrayEquals(r.expectWeights.get(i).shape(), w.get(i).shape());
            closeAll(r.expectWeights.get(i).toFloatArray(), w.get(i).toFloatArray(), 1e-3, 1e-5, r.name + " weight " + i);
        }
        NDArray pred = model.predict(r.xTest);
        assertArrayEquals(r.expectPred.shape(), pred.shape());
        closeAll(r.expectPred.toFloatArray(), pred.toFloatArray(), 1e-4, 1e-5, r.name + " predictions");
    }

    static Optimizer optimizer(String kind, Map<String, String> a) {
        double lr = Double.parseDouble(a.getOrDefault("learning_rate", kind.equals("sgd") ? "0.01" : "0.001"));
        switch (kind) {
            case "sgd":
                return new SGD().learningRate(lr).momentum(Double.parseDouble(a.getOrDefault("momentum", "0")))
                        .nesterov(Boolean.parseBoolean(a.getOrDefault("nesterov", "false")))
                        .decay(Double.parseDouble(a.getOrDefault("decay", "0")));
            case "adam": return new Adam().learningRate(lr);
            case "rmsprop": return new RMSprop().learningRate(lr);
            case "adagrad": return new Adagrad().learningRate(lr);
            default: throw new IllegalArgumentException(kind);
        }
    }

    static void close(double expected, double actual, double rel, double abs, String what) {
        if (Math.abs(expected - actual) > Math.max(abs, rel * Math.abs(expected))) {
            fail(what + ": expected " + expected + ", got " + actual);
        }
    }

    static void closeAll(float[] expected, float[] actual, double rel, double abs, String what) {
        assertEquals(expected.length, actual.length, what + " size");
        for (int i = 0; i < expected.length; i++) close(expected[i], actual[i], rel, abs, what + "[" + i + "]");
    }
}
