package io.keras4j.regularizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The penalties against hand-computed values, their gradients against finite differences, and in training. */
class RegularizersTest {
    private static final float[] W = {1, -2, 3};

    @Test
    void penaltiesByHand() {
        assertEquals(0.01 * 6, new L1().value(W, 0, 3), 1e-12);
        assertEquals(0.01 * 14, new L2().value(W, 0, 3), 1e-12);
        assertEquals(0.1 * 6 + 0.2 * 14, new L1L2(0.1, 0.2).value(W, 0, 3), 1e-12);
        assertEquals(0, new L1L2().value(W, 0, 3), 0);
        // by name, with Keras's default factors
        assertEquals(0.01 * 6, Regularizers.get("l1").value(W, 0, 3), 1e-12);
        assertEquals(0.01 * 14, Regularizers.get("L2").value(W, 0, 3), 1e-12);
        assertEquals(0.01 * 6 + 0.01 * 14, Regularizers.get("l1_l2").value(W, 0, 3), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Regularizers.get("l3"));
        assertThrows(IllegalArgumentException.class, () -> new L2(-1));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Random r = new Random(3);
        float[] w = new float[20];
        for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextGaussian() * 2);
        for (Regularizer reg : List.of(new L1(0.3), new L2(0.7), new L1L2(0.2, 0.5))) {
            float[] g = new float[w.length];
            reg.addGradient(w, 0, w.length, 2f, g, 0); // scale 2: d(2 * penalty)
            for (int i = 0; i < w.length; i++) {
                float keep = w[i];
                double eps = 1e-3;
                w[i] = (float) (keep + eps);
                double up = reg.value(w, 0, w.length);
                w[i] = (float) (keep - eps);
                double down = reg.value(w, 0, w.length);
                w[i] = keep;
                double numeric = 2 * (up - down) / (2 * eps);
                assertEquals(numeric, g[i], 1e-3 * (1 + Math.abs(numeric)), reg + " d/dw[" + i + "]");
            }
        }
    }

    @Test
    void serializedFormRoundTrips() {
        Map<String, Object> s = new L1L2(0.1, 0.2).serialize();
        assertEquals("L1L2", s.get("class_name"));
        assertEquals(Map.of("l1", 0.1, "l2", 0.2), s.get("config"));
        Regularizer back = Regularizers.fromConfig(s);
        assertEquals(s.toString(), back.serialize().toString());
        assertEquals(0.5 * 14, Regularizers.fromConfig(Map.of("class_name", "L2", "config", Map.of("l2", 0.5))).value(W, 0, 3), 1e-12);
    }

    private static Sequential identityDense(Dense d) {
        Sequential m = new Sequential();
        m.add(d.inputShape(2));
        m.setWeights(List.of(NDArray.of(new float[] {1, 0, 0, 1}, 2, 2), NDArray.zeros(2)));
        return m;
    }

    @Test
    void kernelPenaltyIsInTheLossAndItsGradientInTheStep() {
        // x = (1, 2), W = I, b = 0, y = 0: pred = (1, 2), mse = (1 + 4) / 2 = 2.5; penalty 0.1 * |W|^2 = 0.2
        Sequential m = identityDense(new Dense(2).kernelRegularizer(new L2(0.1)));
        m.compile(new SGD().learningRate(0.1), "mse");
        NDArray x = NDArray.of(new float[] {1, 2}, 1, 2), y = NDArray.zeros(1, 2);
        assertEquals(2.7, m.evaluate(x, y, 0).get("loss"), 1e-6);
        History h = m.fit(x, y, new FitOptions().epochs(1).batchSize(1).verbose(0));
        assertEquals(2.7, h.history().get("loss").get(0), 1e-6, "History's loss includes the penalty");
        // dL/dpred = pred = (1, 2); dW = x^T dpred + 2 * 0.1 * W = [[1.2, 2], [2, 4.2]]; db = (1, 2)
        assertArrayEquals(new float[] {0.88f, -0.2f, -0.2f, 0.58f}, m.getWeights().get(0).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {-0.1f, -0.2f}, m.getWeights().get(1).toFloatArray(), 1e-6f);
    }

    @Test
    void biasAndActivityPenalties() {
        // bias (0.5, -1) with L1(0.2): 0.2 * 1.5 = 0.3
        Sequential m = identityDense(new Dense(2).biasRegularizer(new L1(0.2)));
        m.setWeights(List.of(NDArray.of(new float[] {1, 0, 0, 1}, 2, 2), NDArray.of(new float[] {0.5f, -1}, 2)));
        m.compile("sgd", "mse");
        NDArray x = NDArray.of(new float[] {1, 2, 0, 1}, 2, 2), y = NDArray.zeros(2, 2);
        // preds (1.5, 1), (0.5, 0): mse = ((2.25 + 1) / 2 + (0.25 + 0) / 2) / 2 = 0.875
        assertEquals(0.875 + 0.3, m.evaluate(x, y, 0).get("loss"), 1e-6);
        // activity: L1(0.5) of the whole batch's outputs (1, 2), (0, 1), not divided by the batch (Keras 3)
        Sequential a = identityDense(new Dense(2).activityRegularizer(new L1(0.5)));
        a.compile("sgd", "mse");
        assertEquals(1.5 + 0.5 * 4, a.evaluate(x, y, 0).get("loss"), 1e-6);
        // predict is unaffected
        assertArrayEquals(new float[] {1, 2, 0, 1}, a.predict(x).toFloatArray(), 0f);
    }

    @Test
    void denseConfigCarriesRegularizersAndConstraints() {
        Dense d = new Dense(3).kernelRegularizer("l2").activityRegularizer(new L1(0.2)).kernelConstraint("max_norm");
        Map<String, Object> c = d.getConfig();
        Dense back = Dense.fromConfig(c);
        assertEquals(c.toString().replace(d.name(), "x"), back.getConfig().toString().replace(back.name(), "x"));
        assertEquals(null, c.get("bias_regularizer"));
    }
}
