package io.keras4j.models;


import io.keras4j.NDArray;
import io.keras4j.layers.AveragePooling1D;
import io.keras4j.layers.AveragePooling2D;
import io.keras4j.layers.Cropping1D;
import io.keras4j.layers.Cropping2D;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Flatten;
import io.keras4j.layers.GlobalAveragePooling2D;
import io.keras4j.layers.GlobalMaxPooling1D;
import io.keras4j.layers.MaxPooling1D;
import io.keras4j.layers.MaxPooling2D;
import io.keras4j.layers.Permute;
import io.keras4j.layers.Rescaling;
import io.keras4j.layers.Reshape;
import io.keras4j.layers.UpSampling1D;
import io.keras4j.layers.UpSampling2D;
import io.keras4j.layers.ZeroPadding1D;
import io.keras4j.layers.ZeroPadding2D;
import io.keras4j.optimizers.Adam;
import io.keras4j.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * After warm-up, a training step through every pooling and reshaping layer (their ops: pooling
 * kernels, gathers, reshapes, bilinear resizing, rescaling) allocates nothing, as
 * {@link AllocationFreeStepTest} checks for Dense networks.
 */
class ImageLayersAllocationTest {



    private static NDArray labels(int n, int classes) {
        float[] y = new float[n];
        for (int i = 0; i < n; i++) y[i] = i % classes;
        return NDArray.of(y, n);
    }

    @Test
    void everyReshapingAndPoolingLayerInOneStack() {
        Utils.setRandomSeed(3);
        Sequential m = new Sequential();
        m.add(new Rescaling(0.5, 0.1).inputShape(8, 8, 2)); // (8, 8, 2)
        m.add(new ZeroPadding2D(1));                           // (10, 10, 2)
        m.add(new MaxPooling2D(2));                            // (5, 5, 2)
        m.add(new UpSampling2D(2).interpolation("bilinear"));  // (10, 10, 2)
        m.add(new Cropping2D(1));                              // (8, 8, 2)
        m.add(new AveragePooling2D(3).strides(2).padding("same")); // (4, 4, 2)
        m.add(new UpSampling2D(2, 1));                         // (8, 4, 2)
        m.add(new Permute(3, 1, 2));                           // (2, 8, 4)
        m.add(new Reshape(16, 4));                             // (16, 4)
        m.add(new MaxPooling1D(2));                            // (8, 4)
        m.add(new UpSampling1D(2));                            // (16, 4)
        m.add(new ZeroPadding1D(1));                           // (18, 4)
        m.add(new Cropping1D(2, 0));                           // (16, 4)
        m.add(new AveragePooling1D(2));                        // (8, 4)
        m.add(new Flatten());                                  // (32)
        m.add(new Dense(3, "softmax"));
        m.compile(new Adam(), "sparse_categorical_crossentropy", "accuracy");
        StepAllocation.assertNone(m, NDArray.randn(96, 8, 8, 2), labels(96, 3), 32);
    }

    @Test
    void globalPoolingAndChannelsFirst() {
        Utils.setRandomSeed(4);
        Sequential m = new Sequential();
        m.add(new MaxPooling2D(2).dataFormat("channels_first").inputShape(3, 6, 6)); // (3, 3, 3)
        m.add(new GlobalAveragePooling2D().keepdims(true));                         // (1, 1, 3)
        m.add(new Reshape(3, 1));                                                     // (3, 1)
        m.add(new GlobalMaxPooling1D().dataFormat("channels_first"));                // (3)
        m.add(new Dense(2, "softmax"));
        m.compile(new Adam(), "sparse_categorical_crossentropy", "accuracy");
        StepAllocation.assertNone(m, NDArray.randn(40, 3, 6, 6), labels(40, 2), 16);
    }
}
