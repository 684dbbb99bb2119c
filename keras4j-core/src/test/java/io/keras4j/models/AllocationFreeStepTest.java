package io.keras4j.models;


import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.metrics.Metric;
import io.keras4j.optimizers.Adam;
import io.keras4j.layers.Conv2D;
import io.keras4j.optimizers.AdamW;
import io.keras4j.optimizers.Nadam;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.optimizers.SGD;
import io.keras4j.optimizers.schedules.CosineDecay;
import io.keras4j.optimizers.schedules.PiecewiseConstantDecay;
import io.keras4j.utils.Utils;
import java.util.List;
import org.junit.jupiter.api.Test;

/** After the first batches, a training step (gather, forward, metrics, backward, update) allocates nothing. */
class AllocationFreeStepTest {




    private static Sequential model(Optimizer opt, String loss, int in, int... units) {
        Sequential m = new Sequential();
        for (int i = 0; i < units.length; i++) {
            Dense d = new Dense(units[i], i == units.length - 1 ? "softmax" : "relu");
            m.add(i == 0 ? d.inputDim(in) : d);
        }
        m.compile(opt, loss, "accuracy");
        return m;
    }

    @Test
    void xorStepAllocatesNothing() {
        Utils.setRandomSeed(1);
        NDArray x = NDArray.randn(1000, 2);
        float[] y = new float[2000];
        for (int i = 0; i < 1000; i++) y[i * 2 + (x.get(i, 0) * x.get(i, 1) > 0 ? 0 : 1)] = 1;
        StepAllocation.assertNone(model(new SGD().momentum(0.99).decay(0.001), "binary_crossentropy", 2, 4, 4, 2),
                x, NDArray.of(y, 1000, 2), 100);
    }

    @Test
    void mlpWithAdamAndSparseLabelsAllocatesNothing() {
        Utils.setRandomSeed(2);
        NDArray x = NDArray.randn(300, 20);
        float[] y = new float[300];
        for (int i = 0; i < 300; i++) y[i] = i % 5;
        StepAllocation.assertNone(model(new Adam(), "sparse_categorical_crossentropy", 20, 32, 16, 5), x, NDArray.of(y, 300), 64);
    }

    @Test
    void scheduleClippingAndWeightDecayAllocateNothing() {
        Utils.setRandomSeed(3);
        NDArray x = NDArray.randn(300, 20);
        float[] y = new float[300];
        for (int i = 0; i < 300; i++) y[i] = i % 5;
        AdamW adamw = new AdamW(new CosineDecay(0.0, 1000).warmupTarget(0.01).warmupSteps(10)).weightDecay(0.01).clipnorm(1.0);
        StepAllocation.assertNone(model(adamw, "sparse_categorical_crossentropy", 20, 32, 16, 5), x, NDArray.of(y, 300), 64);
        Nadam nadam = new Nadam(new PiecewiseConstantDecay(new long[] {50}, new double[] {0.01, 0.001}))
                .globalClipnorm(1.0).weightDecay(0.004).useEma(true);
        StepAllocation.assertNone(model(nadam, "sparse_categorical_crossentropy", 20, 32, 16, 5), x, NDArray.of(y, 300), 64);
    }

    @Test
    void statefulMetricsAllocateNothing() {
        Utils.setRandomSeed(4);
        NDArray x = NDArray.randn(300, 20);
        float[] y = new float[300 * 5];
        for (int i = 0; i < 300; i++) y[i * 5 + i % 5] = 1;
        List<Metric> metrics = List.of(new io.keras4j.metrics.AUC(), new io.keras4j.metrics.Precision(),
                new io.keras4j.metrics.F1Score("macro"), new io.keras4j.metrics.TopKCategoricalAccuracy(2),
                new io.keras4j.metrics.MeanIoU(5).sparseYPred(false).sparseYTrue(false));
        StepAllocation.assertNone(model(new Adam(), "categorical_crossentropy", 20, 16, 5), x, NDArray.of(y, 300, 5), 64, metrics);
    }

    @Test
    void convnetStepAllocatesNothing() {
        // Conv2D -> Conv2D (same, strided, no bias) -> Dense on the last axis, MSE: the convolution
        // ops' column buffers are sized by the first batch and reused after
        Utils.setRandomSeed(4);
        Sequential m = new Sequential();
        m.add(new Conv2D(4, 3, "relu").inputShape(10, 10, 2));
        m.add(new Conv2D(6, 3).strides(2).padding("same").useBias(false).activation("tanh"));
        m.add(new Dense(3));
        m.compile(new Adam(), "mse", "accuracy");
        NDArray x = NDArray.randn(96, 10, 10, 2);
        StepAllocation.assertNone(m, x, NDArray.randn(96, 4, 4, 3), 32);
    }
}
