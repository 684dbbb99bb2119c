package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.optimizers.Adam;
import io.keras4j.utils.Utils;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 19 item 5: the Java forms of what Keras users write. */
class ErgonomicsTest {

    @Test
    void sequentialOfLayersAndChainedAdd() {
        Dense a = new Dense(4, "relu").inputDim(2), b = new Dense(1);
        Sequential m = new Sequential(a, b);
        assertEquals(List.of(a, b), m.layers());
        Sequential c = new Sequential();
        Dense d = new Dense(3);
        assertSame(c, c.add(new Dense(2).inputDim(5)).add(d));
        assertEquals(2, c.layers().size());
    }

    @Test
    void reprAsKeras() {
        // Keras 3: Layer.__repr__ = f"<{class} name={name}, built={built}>"
        Sequential m = new Sequential();
        Dense d = new Dense(3).name("dense_repr");
        m.add(d);
        assertEquals("<Sequential name=" + m.name() + ", built=False>", m.toString());
        assertEquals("<Dense name=dense_repr, built=False>", d.toString());
        m.predict(NDArray.randn(2, 4));
        assertEquals("<Sequential name=" + m.name() + ", built=True>", m.toString());
        assertEquals("<Dense name=dense_repr, built=True>", d.toString());
    }

    @Test
    void perLayerWeights() {
        Dense d1 = new Dense(3).inputDim(2), d2 = new Dense(1);
        Sequential m = new Sequential(d1, d2);
        NDArray k = NDArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3), bias = NDArray.of(new float[] {0.5f, -1, 2}, 3);
        d1.setWeights(List.of(k, bias));
        assertArrayEquals(k.toFloatArray(), d1.getWeights().get(0).toFloatArray());
        assertArrayEquals(k.toFloatArray(), m.getWeights().get(0).toFloatArray(), "the model sees the layer's weights");
        NDArray p = m.predict(NDArray.of(new float[] {1, 1}, 1, 2));
        d2.setWeights(List.of(NDArray.of(new float[] {1, 1, 1}, 3, 1), NDArray.zeros(1)));
        // x @ K + b = [5.5, 6, 11], then summed by d2
        assertEquals(22.5f, m.predict(NDArray.of(new float[] {1, 1}, 1, 2)).get(0, 0), 1e-5f);
        assertTrue(p.shape()[0] == 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d1.setWeights(List.of(bias, k)));
        assertTrue(e.getMessage().contains("Dense '" + d1.name() + "'") && e.getMessage().contains("(2, 3)")
                && e.getMessage().contains("(3,)"), e.getMessage());
    }

    @Test
    void aFrozenLayerKeepsItsWeightsAndCountsAsNonTrainable() {
        Utils.setRandomSeed(41);
        Dense d1 = new Dense(4, "tanh").inputDim(3), d2 = new Dense(2, "softmax");
        Sequential m = new Sequential(d1, d2);
        m.compile(new Adam().learningRate(0.01), "categorical_crossentropy");
        d1.trainable(false);
        NDArray x = NDArray.randn(32, 3);
        float[] y = new float[64];
        for (int i = 0; i < 32; i++) y[2 * i + (i % 2)] = 1;
        List<NDArray> before = m.getWeights();
        m.fit(x, NDArray.of(y, 32, 2), new FitOptions().epochs(3).batchSize(8).verbose(0));
        List<NDArray> after = m.getWeights();
        assertArrayEquals(before.get(0).toFloatArray(), after.get(0).toFloatArray(), "frozen kernel");
        assertArrayEquals(before.get(1).toFloatArray(), after.get(1).toFloatArray(), "frozen bias");
        assertFalse(java.util.Arrays.equals(before.get(2).toFloatArray(), after.get(2).toFloatArray()), "d2 trains");
        assertEquals(10, m.weightArena().size(), "only d2's 4*2+2 weights are in the optimizer's arena");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Summary.print(m, new PrintStream(buf, true, StandardCharsets.UTF_8), true);
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains(
                " Total params: 26 (104.00 B)\n Trainable params: 10 (40.00 B)\n Non-trainable params: 16 (64.00 B)"), buf.toString());
        // unfrozen, it trains again
        d1.trainable(true);
        m.fit(x, NDArray.of(y, 32, 2), new FitOptions().epochs(1).batchSize(8).verbose(0));
        assertFalse(java.util.Arrays.equals(after.get(0).toFloatArray(), m.getWeights().get(0).toFloatArray()));
        assertEquals(26, m.weightArena().size());
    }

    @Test
    void evaluateAndPredictWithBatchSizeAndVerbose() {
        Utils.setRandomSeed(42);
        Sequential m = new Sequential(new Dense(3, "softmax").inputDim(4));
        m.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
        NDArray x = NDArray.randn(25, 4);
        float[] ids = new float[25];
        for (int i = 0; i < 25; i++) ids[i] = i % 3;
        NDArray y = NDArray.of(ids, 25);
        var byDefault = m.evaluate(x, y, 0);
        var in7 = m.evaluate(x, y, 7, 0);
        assertEquals(byDefault.get("loss"), in7.get("loss"), 1e-6);
        assertEquals(byDefault.get("accuracy"), in7.get("accuracy"), 1e-12);
        assertArrayEquals(m.predict(x).toFloatArray(), m.predict(x, 7, 0).toFloatArray(), 1e-6f);
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            m.predict(x, 7, 1);
        } finally {
            System.setOut(saved);
        }
        assertTrue(buf.toString(StandardCharsets.UTF_8).startsWith("4/4 "), "Keras's predict bar: " + buf);
    }
}
