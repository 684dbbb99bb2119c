package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import org.junit.jupiter.api.Test;

/** Issue 19 item 4: a loss given targets of the other kind says what it takes and which loss fits. */
class TargetMessagesTest {

    private static Sequential model(String loss) {
        Sequential m = new Sequential(new Dense(3, "softmax").inputDim(4));
        m.compile("sgd", loss);
        return m;
    }

    @Test
    void sparseLossGivenOneHotTargets() {
        Sequential m = model("sparse_categorical_crossentropy");
        float[] y = new float[30];
        for (int i = 0; i < 10; i++) y[i * 3 + i % 3] = 1;
        NDArray oneHot = NDArray.of(y, 10, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.fit(NDArray.randn(10, 4), oneHot, new FitOptions().verbose(0)));
        assertEquals("fit: sparse_categorical_crossentropy takes class ids of shape (None,) or (None, 1) for predictions of "
                + "shape (None, 3), got targets of shape (None, 3); for one-hot targets use categorical_crossentropy", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.evaluate(NDArray.randn(10, 4), oneHot, 0));
        assertTrue(e.getMessage().startsWith("evaluate: sparse_categorical_crossentropy takes class ids"), e.getMessage());
    }

    @Test
    void categoricalLossGivenClassIds() {
        Sequential m = model("categorical_crossentropy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.fit(NDArray.randn(10, 4), NDArray.zeros(10), new FitOptions().verbose(0)));
        assertEquals("fit: categorical_crossentropy needs targets of the predictions' shape (None, 3), got (None,); "
                + "for class ids use sparse_categorical_crossentropy", e.getMessage());
    }
}
