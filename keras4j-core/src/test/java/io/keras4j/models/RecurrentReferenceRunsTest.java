package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Layer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The recurrent reference runs ({@code reference/layers/lstm_*}, {@code gru_*}, computed
 * independently in PyTorch with Keras's formulas) through the public API, as
 * {@link LayerReferenceRunsTest} does, except that a {@code Dense} whose line has
 * {@code activation=} is made with the {@code Dense(units, activation)} constructor: Dense has no
 * {@code activation(String)} setter in this build, which the generic runner needs for
 * {@code gru_stack_adam}. Tolerances as there: losses and predictions relative 1e-4, weights 1e-3.
 */
class RecurrentReferenceRunsTest {

    @ParameterizedTest
    @ValueSource(strings = {"gru_stack_adam.txt", "lstm_rmsprop_mse.txt"})
    void reproducesReferenceRun(String file) throws Exception {
        LayerReferenceRunsTest.Run run = LayerReferenceRunsTest.Run.load("reference/layers/" + file);
        ReferenceRun r = run.training;
        Sequential model = new Sequential();
        for (int i = 0; i < run.layers.size(); i++) {
            LayerReferenceRunsTest.LayerSpec spec = run.layers.get(i);
            Layer l;
            if (spec.className().equals("Dense") && spec.keywords().containsKey("activation")) {
                Map<String, String> rest = new LinkedHashMap<>(spec.keywords());
                String act = rest.remove("activation");
                l = new Dense(Integer.parseInt(spec.positional().get(0)), act);
                if (!rest.isEmpty()) throw new AssertionError("unexpected Dense keywords " + rest);
            } else {
                l = LayerReferenceRunsTest.build(spec);
            }
            if (i == 0) l.inputShape(run.inputShape);
            model.add(l);
        }
        model.compile(ReferenceRunsTest.optimizer(r.optimizer, r.optimizerArgs), r.loss);
        model.setWeights(r.initialWeights);

        History h = model.fit(r.x, r.y, new FitOptions().epochs(r.epochs).batchSize(r.batchSize).shuffle(false).verbose(0));

        List<Double> loss = h.history().get("loss");
        assertEquals(r.expectLoss.length, loss.size(), "epochs in History");
        for (int e = 0; e < loss.size(); e++) {
            ReferenceRunsTest.close(r.expectLoss[e], loss.get(e), 1e-4, 1e-5, r.name + " loss of epoch " + e);
        }
        List<NDArray> w = model.getWeights();
        assertEquals(r.expectWeights.size(), w.size(), r.name + ": number of weights");
        for (int i = 0; i < w.size(); i++) {
            assertArrayEquals(r.expectWeights.get(i).shape(), w.get(i).shape(), r.name + " weight " + i + " shape");
            ReferenceRunsTest.closeAll(r.expectWeights.get(i).toFloatArray(), w.get(i).toFloatArray(), 1e-3, 1e-5,
                    r.name + " weight " + i);
        }
        NDArray pred = model.predict(r.xTest);
        assertArrayEquals(r.expectPred.shape(), pred.shape());
        ReferenceRunsTest.closeAll(r.expectPred.toFloatArray(), pred.toFloatArray(), 1e-4, 1e-5, r.name + " predictions");
    }
}
