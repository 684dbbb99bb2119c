package io.keras4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.utils.Utils;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metric objects and metric strings in compile: logged in History (with val_), and evaluate equals updateState on predict. */
class MetricsInModelTest {

    private static NDArray[] data() {
        Utils.setRandomSeed(21);
        NDArray x = NDArray.randn(200, 3);
        float[] y = new float[200];
        for (int i = 0; i < 200; i++) y[i] = x.get(i, 0) + 0.5f * x.get(i, 1) > 0 ? 1 : 0;
        return new NDArray[] {x, NDArray.of(y, 200, 1)};
    }

    private static Sequential model() {
        Sequential m = new Sequential();
        m.add(new Dense(8, "relu").inputDim(3));
        m.add(new Dense(1, "sigmoid"));
        return m;
    }

    @Test
    void metricObjectsAreLoggedAndMatchTheirOwnUpdateState() {
        NDArray[] d = data();
        Sequential m = model();
        m.compile(new Adam(0.01), "binary_crossentropy", new Precision(), new AUC().curve("PR").name("pr_auc"), new Recall());
        History h = m.fit(d[0], d[1], new FitOptions().epochs(2).batchSize(50).verbose(0).validationData(d[0], d[1]));
        for (String k : new String[] {"loss", "precision", "pr_auc", "recall", "val_precision", "val_pr_auc", "val_recall"}) {
            assertTrue(h.history().containsKey(k), k + " in " + h.history().keySet());
            assertEquals(2, h.history().get(k).size(), k);
        }
        Map<String, Double> ev = m.evaluate(d[0], d[1], 0);
        NDArray p = m.predict(d[0]);
        Metric[] fresh = {new Precision(), new AUC().curve("PR"), new Recall()};
        String[] keys = {"precision", "pr_auc", "recall"};
        for (int i = 0; i < 3; i++) {
            fresh[i].updateState(d[1], p);
            assertEquals(fresh[i].result(), ev.get(keys[i]), 1e-9, keys[i]);
        }
        assertEquals(ev.get("precision"), h.history().get("val_precision").get(1), 1e-9, "validation on the same data after the last epoch");
    }

    @Test
    void metricStrings() {
        NDArray[] d = data();
        Sequential m = model();
        m.compile(new Adam(0.01), "binary_crossentropy", "accuracy", "auc", "f1_score");
        Sequential byName = model();
        byName.compile("adam", "binary_crossentropy", new AUC(), new Recall());
        assertTrue(byName.evaluate(d[0], d[1], 0).keySet().containsAll(java.util.List.of("loss", "auc", "recall")));
        Map<String, Double> ev = m.evaluate(d[0], d[1], 0);
        AUC auc = new AUC();
        auc.updateState(d[1], m.predict(d[0]));
        assertEquals(auc.result(), ev.get("auc"), 1e-9);
        assertTrue(ev.containsKey("f1_score") && ev.containsKey("accuracy"), ev.toString());
    }
}
