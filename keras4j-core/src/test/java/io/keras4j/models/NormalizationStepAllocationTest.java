package io.keras4j.models;


import io.keras4j.NDArray;
import io.keras4j.constraints.MaxNorm;
import io.keras4j.layers.BatchNormalization;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Dropout;
import io.keras4j.layers.GaussianNoise;
import io.keras4j.layers.LayerNormalization;
import io.keras4j.layers.PReLU;
import io.keras4j.optimizers.Adam;
import io.keras4j.regularizers.L1L2;
import io.keras4j.regularizers.L2;
import io.keras4j.utils.Utils;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * A training step through Dropout, GaussianNoise, BatchNormalization, LayerNormalization, PReLU,
 * weight and activity regularizers and a constraint allocates nothing after warm-up (the masks,
 * statistics and penalties live in buffers made once).
 */
class NormalizationStepAllocationTest {

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void stepWithNoiseNormalizationAndPenaltiesAllocatesNothing() {
        Utils.setRandomSeed(3);
        Sequential model = new Sequential();
        model.add(new GaussianNoise(0.1).inputShape(12));
        model.add(new Dense(32).kernelRegularizer(new L2(1e-3)).kernelConstraint(new MaxNorm(3)));
        model.add(new BatchNormalization());
        model.add(new PReLU());
        model.add(new Dropout(0.3));
        model.add(new Dense(16, "relu").activityRegularizer(new L1L2(1e-4, 1e-4)));
        model.add(new LayerNormalization());
        model.add(new Dense(4, "softmax"));
        model.compile(new Adam(), "sparse_categorical_crossentropy", "accuracy");
        NDArray x = NDArray.randn(200, 12);
        float[] yv = new float[200];
        for (int i = 0; i < 200; i++) yv[i] = i % 4;
        NDArray y = NDArray.of(yv, 200);
        StepAllocation.assertNone(model, x, y, 32);
    }
}
