package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear exception and changes nothing (weights and optimizer state untouched). */
class BadInputTest {
    private Sequential model;
    private List<NDArray> before;
    private final NDArray x = NDArray.randn(10, 2);
    private final NDArray y = NDArray.zeros(10, 2);

    @BeforeEach
    void setUp() {
        Utils.setRandomSeed(3);
        model = new Sequential();
        model.add(new Dense(4, "relu").inputDim(2));
        model.add(new Dense(2, "softmax"));
        before = model.getWeights();
    }

    private void assertUnchanged() {
        List<NDArray> after = model.getWeights();
        assertEquals(before, after, "weights must not change");
    }

    private static String message(Class<? extends Throwable> type, org.junit.jupiter.api.function.Executable e) {
        return assertThrows(type, e).getMessage();
    }

    @Test
    void differentRowCounts() {
        model.compile(new SGD(), "binary_crossentropy");
        String m = message(IllegalArgumentException.class, () -> model.fit(x, NDArray.zeros(9, 2), new FitOptions().verbose(0)));
        assertTrue(m.contains("(10, 2)") && m.contains("(9, 2)"), m);
        assertUnchanged();
    }

    @Test
    void wrongFeatureCountNamesLayerAndBothShapes() {
        model.compile(new SGD(), "binary_crossentropy");
        String m = message(IllegalArgumentException.class, () -> model.fit(NDArray.randn(10, 3), y, new FitOptions().verbose(0)));
        String first = model.layers().get(0).name();
        assertTrue(m.contains("Dense '" + first + "'") && m.contains("(None, 2)") && m.contains("(None, 3)"), m);
        assertUnchanged();
        String p = message(IllegalArgumentException.class, () -> model.predict(NDArray.randn(4, 5)));
        assertTrue(p.contains("(None, 2)") && p.contains("(None, 5)"), p);
    }

    @Test
    void fitBeforeCompile() {
        String m = message(IllegalStateException.class, () -> model.fit(x, y, new FitOptions().verbose(0)));
        assertTrue(m.contains("compile()"), m);
        assertUnchanged();
    }

    @Test
    void unknownActivationListsValidOnes() {
        String m = message(IllegalArgumentException.class, () -> new Dense(3, "rellu"));
        assertTrue(m.contains("rellu") && m.contains("relu") && m.contains("softmax") && m.contains("hard_sigmoid"), m);
    }

    @Test
    void unknownLossListsValidOnes() {
        String m = message(IllegalArgumentException.class, () -> model.compile(new SGD(), "crossentropy"));
        assertTrue(m.contains("crossentropy") && m.contains("binary_crossentropy") && m.contains("mae"), m);
        assertThrows(IllegalStateException.class, () -> model.fit(x, y, new FitOptions().verbose(0)), "model stays uncompiled");
    }

    @Test
    void unknownMetricListsValidOnes() {
        String m = message(IllegalArgumentException.class, () -> model.compile(new SGD(), "mse", "accurasy"));
        assertTrue(m.contains("accurasy") && m.contains("accuracy") && m.contains("sparse_categorical_accuracy"), m);
    }

    @Test
    void unknownOptimizerListsValidOnes() {
        String m = message(IllegalArgumentException.class, () -> model.compile("adamw2", "mse"));
        assertTrue(m.contains("adamw2") && m.contains("sgd") && m.contains("rmsprop"), m);
    }

    /** Every entry point names the array and the flat index of a value that is not finite. */
    @Test
    void nanInTargetsValidationDataEvaluateAndPredict() {
        model.compile(new SGD(), "binary_crossentropy");
        float[] bad = y.toFloatArray();
        bad[3] = Float.NaN;
        NDArray badY = NDArray.of(bad, y.shape());
        float[] badXs = x.toFloatArray();
        badXs[5] = Float.NEGATIVE_INFINITY;
        NDArray badX = NDArray.of(badXs, x.shape());
        String fitY = message(IllegalArgumentException.class, () -> model.fit(x, badY, new FitOptions().verbose(0)));
        assertTrue(fitY.contains("fit: y") && fitY.contains("NaN") && fitY.contains("index 3"), fitY);
        String val = message(IllegalArgumentException.class,
                () -> model.fit(x, y, new FitOptions().verbose(0).validationData(badX, y)));
        assertTrue(val.contains("validation data: x") && val.contains("-Infinity") && val.contains("index 5"), val);
        assertUnchanged();
        String eval = message(IllegalArgumentException.class, () -> model.evaluate(x, badY, 0));
        assertTrue(eval.contains("evaluate: y") && eval.contains("index 3"), eval);
        String pred = message(IllegalArgumentException.class, () -> model.predict(badX));
        assertTrue(pred.contains("predict: x") && pred.contains("index 5"), pred);
        assertUnchanged();
    }

    @Test
    void nanOrInfinityInX() {
        model.compile(new SGD(), "binary_crossentropy");
        float[] d = x.toFloatArray();
        d[7] = Float.NaN;
        String m = message(IllegalArgumentException.class, () -> model.fit(NDArray.of(d, 10, 2), y, new FitOptions().verbose(0)));
        assertTrue(m.contains("NaN"), m);
        d[7] = Float.POSITIVE_INFINITY;
        String m2 = message(IllegalArgumentException.class, () -> model.fit(NDArray.of(d, 10, 2), y, new FitOptions().verbose(0)));
        assertTrue(m2.contains("Infinity"), m2);
        assertUnchanged();
    }

    @Test
    void targetsOfWrongWidth() {
        model.compile(new SGD(), "categorical_crossentropy");
        String m = message(IllegalArgumentException.class, () -> model.fit(x, NDArray.zeros(10, 3), new FitOptions().verbose(0)));
        assertTrue(m.contains("(None, 3)") && m.contains("(None, 2)"), m);
        assertUnchanged();
    }

    @Test
    void sparseLabelOutOfRange() {
        model.compile(new SGD(), "sparse_categorical_crossentropy");
        float[] labels = new float[10];
        labels[4] = 2;
        String m = message(IllegalArgumentException.class, () -> model.fit(x, NDArray.of(labels, 10), new FitOptions().verbose(0)));
        assertTrue(m.contains("2.0") && m.contains("[0, 2)"), m);
        assertUnchanged();
    }

    @Test
    void setWeightsWithWrongShapeChangesNothing() {
        List<NDArray> w = model.getWeights();
        w.set(2, NDArray.zeros(3, 2));
        String m = message(IllegalArgumentException.class, () -> model.setWeights(w));
        assertTrue(m.contains("(4, 2)") && m.contains("(3, 2)"), m);
        assertUnchanged();
    }
}
