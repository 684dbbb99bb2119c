package io.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.models.Sequential;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Scanner;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Forward values of the pooling and reshaping layers against TensorFlow.js 4.22
 * ({@code src/test/resources/pooling/make_tfjs_reference.js} made {@code tfjs_reference.txt}),
 * plus small cases computed by hand.
 */
class PoolingReferenceValuesTest {
    private static final Map<String, Supplier<Layer>> CASES = new LinkedHashMap<>();

    static {
        CASES.put("max_pooling2d_valid", () -> new MaxPooling2D(2));
        CASES.put("max_pooling2d_same_3x3_s2", () -> new MaxPooling2D(3).strides(2).padding("same"));
        CASES.put("max_pooling2d_channels_first", () -> new MaxPooling2D(2, 3).strides(1, 2).dataFormat("channels_first"));
        CASES.put("average_pooling2d_valid", () -> new AveragePooling2D(2));
        CASES.put("average_pooling2d_same_3x3_s2", () -> new AveragePooling2D(3).strides(2).padding("same"));
        CASES.put("average_pooling2d_same_channels_first",
                () -> new AveragePooling2D(3, 2).strides(2, 2).padding("same").dataFormat("channels_first"));
        CASES.put("max_pooling1d_same_s1", () -> new MaxPooling1D(3).strides(1).padding("same"));
        CASES.put("average_pooling1d_same_s2", () -> new AveragePooling1D(3).strides(2).padding("same"));
        CASES.put("global_average_pooling2d", GlobalAveragePooling2D::new);
        CASES.put("global_average_pooling2d_channels_first", () -> new GlobalAveragePooling2D().dataFormat("channels_first"));
        CASES.put("global_max_pooling2d", GlobalMaxPooling2D::new);
        CASES.put("global_max_pooling2d_channels_first", () -> new GlobalMaxPooling2D().dataFormat("channels_first"));
        CASES.put("global_average_pooling1d", GlobalAveragePooling1D::new);
        CASES.put("global_max_pooling1d", GlobalMaxPooling1D::new);
        CASES.put("flatten", Flatten::new);
        CASES.put("flatten_channels_first", () -> new Flatten().dataFormat("channels_first"));
        CASES.put("reshape", () -> new Reshape(-1, 2, 3));
        CASES.put("permute", () -> new Permute(3, 1, 2));
        CASES.put("zero_padding2d", () -> new ZeroPadding2D(1, 0, 2, 1));
        CASES.put("zero_padding1d", () -> new ZeroPadding1D(2, 1));
        CASES.put("cropping2d", () -> new Cropping2D(1, 0, 2, 1));
        CASES.put("cropping1d", () -> new Cropping1D(1, 1));
        CASES.put("up_sampling2d_nearest", () -> new UpSampling2D(2, 3));
        CASES.put("up_sampling1d", UpSampling1D::new);
        CASES.put("up_sampling2d_bilinear", () -> new UpSampling2D(2, 3).interpolation("bilinear"));
        CASES.put("rescaling", () -> new Rescaling(1 / 127.5, -1));
    }

    @Test
    void matchesTensorFlowJs() throws Exception {
        Map<String, Boolean> seen = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/pooling/tfjs_reference.txt");
             Scanner s = new Scanner(in, StandardCharsets.US_ASCII)) {
            while (s.hasNext()) {
                assertEquals("case", s.next());
                String name = s.next();
                int[] inShape = shape(s, "input");
                int[] outShape = shape(s, "output");
                float[] expected = new float[size(outShape)];
                for (int i = 0; i < expected.length; i++) expected[i] = Float.parseFloat(s.next());
                Supplier<Layer> f = CASES.get(name);
                assertTrue(f != null, "no layer for case " + name);
                seen.put(name, true);
                NDArray y = predict(f.get(), inShape);
                assertArrayEquals(outShape, y.shape(), name + ": shape");
                float[] got = y.toFloatArray();
                // inputs reach |5| (one float ulp is 4.8e-7 there); interpolation or a mean near 0 cancels
                // to values far smaller than its terms, so the tolerance is a few ulps of the inputs
                for (int i = 0; i < got.length; i++) {
                    assertEquals(expected[i], got[i], 3e-6 + 1e-6 * Math.abs(expected[i]), name + "[" + i + "]");
                }
            }
        }
        assertEquals(CASES.keySet(), seen.keySet(), "cases in the file");
    }

    /** 3x3 input, 2x2 average pool, stride 1, "same": windows at the right and bottom edges hold fewer cells. */
    @Test
    void averagePoolingSameDividesByCellsInside() {
        // x = 1..9 row-major; pad total = (3-1)*1 + 2 - 3 = 1, all after (floor(1/2) = 0 before)
        NDArray y = predictOn(new AveragePooling2D(2).strides(1).padding("same"), new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3, 1);
        float[] expected = {
            (1 + 2 + 4 + 5) / 4f, (2 + 3 + 5 + 6) / 4f, (3 + 6) / 2f,
            (4 + 5 + 7 + 8) / 4f, (5 + 6 + 8 + 9) / 4f, (6 + 9) / 2f,
            (7 + 8) / 2f, (8 + 9) / 2f, 9f};
        assertArrayEquals(expected, y.toFloatArray(), 1e-6f);
    }

    /** 1-D max pool 2 stride 2 "same" on 5 steps: the last window holds one step; two channels. */
    @Test
    void maxPooling1dByHand() {
        NDArray y = predictOn(new MaxPooling1D(2).padding("same"), new float[] {1, -1, 3, -2, 2, -5, 0, 4, -7, -3}, 1, 5, 2);
        assertArrayEquals(new int[] {1, 3, 2}, y.shape());
        assertArrayEquals(new float[] {3, -1, 2, 4, -7, -3}, y.toFloatArray(), 0f);
    }

    /** Bilinear x2 of [0, 4]: half-pixel centres sample at -0.25, 0.25, 0.75, 1.25 -> 0, 1, 3, 4 (edges clamped). */
    @Test
    void bilinearByHand() {
        NDArray y = predictOn(new UpSampling2D(1, 2).interpolation("bilinear"), new float[] {0, 4}, 1, 1, 2, 1);
        assertArrayEquals(new float[] {0, 1, 3, 4}, y.toFloatArray(), 1e-6f);
    }

    private static NDArray predict(Layer layer, int[] inShape) {
        float[] x = new float[size(inShape)];
        for (int i = 0; i < x.length; i++) x[i] = (float) (((i * 37) % 101) / 10.0 - 5);
        return predictOn(layer, x, inShape);
    }

    private static NDArray predictOn(Layer layer, float[] x, int... shape) {
        Sequential m = new Sequential();
        layer.inputShape(java.util.Arrays.copyOfRange(shape, 1, shape.length));
        m.add(layer);
        return m.predict(NDArray.of(x, shape));
    }

    private static int[] shape(Scanner s, String key) {
        assertEquals(key, s.next());
        java.util.List<Integer> l = new java.util.ArrayList<>();
        while (s.hasNextInt()) l.add(s.nextInt());
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int size(int[] s) {
        int n = 1;
        for (int d : s) n *= d;
        return n;
    }
}
