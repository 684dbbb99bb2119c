package io.keras4j.models;


import io.keras4j.NDArray;
import io.keras4j.layers.Bidirectional;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Embedding;
import io.keras4j.layers.GRU;
import io.keras4j.layers.LSTM;
import io.keras4j.layers.RepeatVector;
import io.keras4j.layers.SimpleRNN;
import io.keras4j.layers.TimeDistributed;
import io.keras4j.optimizers.Adam;
import io.keras4j.utils.Utils;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A training step of models with recurrent layers allocates nothing after the first batches (as AllocationFreeStepTest). */
class RecurrentAllocationFreeTest {



    @Test
    void stackedRecurrentModelStepAllocatesNothing() {
        Utils.setRandomSeed(4);
        NDArray x = NDArray.randn(50, 6, 3);
        NDArray y = NDArray.randn(50, 6, 2);
        Sequential m = new Sequential();
        m.add(new LSTM(5).returnSequences(true).dropout(0.2).recurrentDropout(0.2).inputShape(6, 3));
        m.add(new Bidirectional(new GRU(3).returnSequences(true)));
        m.add(new GRU(4).resetAfter(false).returnSequences(true));
        m.add(new SimpleRNN(4));
        m.add(new RepeatVector(6));
        m.add(new TimeDistributed(new Dense(2)));
        m.compile(new Adam(), "mse");
        StepAllocation.assertNone(m, x, y, 16, List.of()); // the last batch of 2 is smaller: buffers are sized for the capacity
    }

    @Test
    void embeddingModelStepAllocatesNothing() {
        Utils.setRandomSeed(5);
        float[] ids = new float[40 * 5];
        for (int i = 0; i < ids.length; i++) ids[i] = (i * 7) % 11;
        Sequential m = new Sequential();
        m.add(new Embedding(11, 4).inputShape(5));
        m.add(new LSTM(3));
        m.add(new Dense(2, "softmax"));
        m.compile(new Adam(), "categorical_crossentropy");
        float[] y = new float[80];
        for (int i = 0; i < 40; i++) y[i * 2 + i % 2] = 1;
        StepAllocation.assertNone(m, NDArray.of(ids, 40, 5), NDArray.of(y, 40, 2), 8, List.of());
    }

    @Test
    void maskedLossAndMetricsStepAllocatesNothing() {
        Utils.setRandomSeed(6);
        float[] ids = new float[40 * 5], y = new float[40 * 5];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i % 5 >= 3 + i / 5 % 2 ? 0 : 1 + (i * 7) % 10; // padded ends of two lengths
            y[i] = i % 3;
        }
        Sequential m = new Sequential();
        m.add(new Embedding(11, 4).maskZero(true).inputShape(5));
        m.add(new LSTM(3).returnSequences(true));
        m.add(new TimeDistributed(new Dense(3, "softmax")));
        m.compile(new Adam(), "sparse_categorical_crossentropy");
        NDArray yy = NDArray.of(y, 40, 5);
        Executable e = StepAllocation.trainPlan(m, NDArray.of(ids, 40, 5), yy, 8);
        StepAllocation.assertNone(m, NDArray.of(ids, 40, 5), yy, 8,
                List.of(io.keras4j.metrics.Metrics.get("accuracy", yy.shape(), e.pred.shape())));
    }
}
