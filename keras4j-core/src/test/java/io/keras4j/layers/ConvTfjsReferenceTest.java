package io.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.engine.Variable;
import io.keras4j.models.Sequential;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The convolution layers' forward values against TensorFlow.js 4.22's Keras layers
 * ({@code src/test/resources/conv/tfjs_conv_reference.js} made {@code tfjs_conv_reference.txt}):
 * the same layer arguments, inputs {@code x[i] = sin(0.37 i + 0.1)} and weight j
 * {@code w[i] = 0.5 cos(0.23 i + j)}.
 */
class ConvTfjsReferenceTest {
    private static Map<String, float[]> reference;
    private static Map<String, int[]> shapes;

    private static synchronized void load() throws IOException {
        if (reference != null) return;
        reference = new HashMap<>();
        shapes = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ConvTfjsReferenceTest.class.getResourceAsStream("/conv/tfjs_conv_reference.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] head = line.split(" ");
                String[] dims = head[2].split(",");
                int[] shape = new int[dims.length];
                for (int i = 0; i < dims.length; i++) shape[i] = Integer.parseInt(dims[i]);
                String[] vals = r.readLine().trim().split(" ");
                float[] v = new float[vals.length];
                for (int i = 0; i < v.length; i++) v[i] = Float.parseFloat(vals[i]);
                reference.put(head[1], v);
                shapes.put(head[1], shape);
            }
        }
    }

    private static NDArray fill(int[] shape, int j, boolean input) {
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (input ? Math.sin(0.37 * i + 0.1) : 0.5 * Math.cos(0.23 * i + j));
        return NDArray.of(v, shape);
    }

    private static void check(String name, Supplier<Layer> factory, int... xShape) throws IOException {
        load();
        Layer layer = factory.get();
        layer.inputShape(java.util.Arrays.copyOfRange(xShape, 1, xShape.length));
        Sequential model = new Sequential();
        model.add(layer);
        List<NDArray> ws = new ArrayList<>();
        List<Variable> vars = layer.weights();
        for (int j = 0; j < vars.size(); j++) ws.add(fill(vars.get(j).shape(), j, false));
        model.setWeights(ws);
        NDArray y = model.predict(fill(xShape, 0, true));
        assertArrayEquals(shapes.get(name), y.shape(), name + ": shape");
        float[] got = y.toFloatArray(), want = reference.get(name);
        assertEquals(want.length, got.length, name);
        for (int i = 0; i < want.length; i++) {
            assertTrue(Math.abs(got[i] - want[i]) <= 1e-5 + 1e-5 * Math.abs(want[i]),
                    name + "[" + i + "]: got " + got[i] + ", TensorFlow.js " + want[i]);
        }
    }

    @Test
    void conv2d() throws IOException {
        check("conv2d_same_stride", () -> new Conv2D(4, 3, 2).strides(2, 1).padding("same"), 2, 5, 6, 3);
        check("conv2d_valid_dilated_relu", () -> new Conv2D(3, 3, "relu").dilationRate(2), 2, 7, 6, 2);
        check("conv2d_channels_first_same_stride2",
                () -> new Conv2D(2, 3).strides(2).padding("same").dataFormat("channels_first"), 1, 3, 6, 5);
    }

    @Test
    void conv1d() throws IOException {
        check("conv1d_causal_dilated", () -> new Conv1D(2, 3).padding("causal").dilationRate(2), 2, 7, 3);
        check("conv1d_same_stride2_tanh", () -> new Conv1D(3, 4, "tanh").strides(2).padding("same"), 1, 9, 2);
    }

    @Test
    void depthwiseAndSeparable() throws IOException {
        check("depthwise_same_stride2_dm2", () -> new DepthwiseConv2D(3).strides(2).padding("same").depthMultiplier(2),
                1, 5, 5, 3);
        check("separable_same_dm2", () -> new SeparableConv2D(3, 3).padding("same").depthMultiplier(2), 1, 6, 5, 2);
    }

    @Test
    void transpose() throws IOException {
        check("transpose_same_stride2", () -> new Conv2DTranspose(3, 3).strides(2).padding("same"), 1, 3, 4, 2);
        check("transpose_valid_stride2", () -> new Conv2DTranspose(2, 3, 2).strides(2), 2, 3, 3, 2);
        check("transpose_valid_k1_stride2", () -> new Conv2DTranspose(2, 1).strides(2), 1, 2, 3, 2);
    }
}
