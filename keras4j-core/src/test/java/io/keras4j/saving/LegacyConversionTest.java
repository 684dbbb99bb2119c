package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keras 1/2 configs and weights to Keras 3's, checked on hand-written expectations and the suite's real Keras 1 configs. */
class LegacyConversionTest {
    @Test
    @SuppressWarnings("unchecked")
    void keras1LstmAndDenseConfigsBecomeKeras3() throws Exception {
        Map<String, Object> model = Json.parseObject(Files.readString(LegacyH5ConformanceTest.root()
                .resolve("simple_lstm/simple_lstm_tf_keras_1_config.json")), "cfg");
        List<Object> layers = (List<Object>) model.get("config");
        Map<String, Object> lstm = LegacyConfigs.convert("LSTM", (Map<String, Object>) ((Map<String, Object>) layers.get(0)).get("config"));
        assertEquals(50L, lstm.get("units"));
        assertEquals("hard_sigmoid", lstm.get("recurrent_activation"));
        assertEquals("orthogonal", lstm.get("recurrent_initializer"));
        assertEquals("glorot_uniform", lstm.get("kernel_initializer"));
        assertEquals(0.2, lstm.get("dropout"));
        assertEquals(0.0, lstm.get("recurrent_dropout"));
        assertEquals(true, lstm.get("unit_forget_bias"));
        for (String gone : new String[] {"output_dim", "inner_init", "init", "inner_activation", "dropout_W", "dropout_U",
                "forget_bias_init", "consume_less", "input_dtype", "input_dim", "input_length"}) {
            assertFalse(lstm.containsKey(gone), gone);
        }
        Map<String, Object> dense = LegacyConfigs.convert("Dense", (Map<String, Object>) ((Map<String, Object>) layers.get(1)).get("config"));
        assertEquals(1L, dense.get("units"));
        assertEquals(true, dense.get("use_bias"));
        assertEquals("glorot_uniform", dense.get("kernel_initializer"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void keras2HardSigmoidIsRenamedOnlyBeforeKeras3() {
        Map<String, Object> lstm = Map.of("class_name", "LSTM", "config", Map.of("activation", "tanh",
                "recurrent_activation", "hard_sigmoid", "name", "hard_sigmoid"));
        Map<String, Object> act = Map.of("class_name", "Activation", "config", Map.of("activation", "hard_sigmoid"));
        Map<String, Object> out = LegacyConfigs.keras2Activations(Map.of("config", List.of(lstm, act)));
        List<Object> layers = (List<Object>) out.get("config");
        Map<String, Object> c0 = (Map<String, Object>) ((Map<String, Object>) layers.get(0)).get("config");
        Map<String, Object> c1 = (Map<String, Object>) ((Map<String, Object>) layers.get(1)).get("config");
        assertEquals("hard_sigmoid_keras2", c0.get("recurrent_activation"));
        assertEquals("tanh", c0.get("activation"));
        assertEquals("hard_sigmoid", c0.get("name"));
        assertEquals("hard_sigmoid_keras2", c1.get("activation"));
        assertEquals(true, LegacyConfigs.beforeKeras3("2.1.3"));
        assertEquals(true, LegacyConfigs.beforeKeras3(null));
        assertEquals(false, LegacyConfigs.beforeKeras3("3.12.0"));
        // Keras 2: clip(0.2 x + 0.5, 0, 1); Keras 3: relu6(x + 3) / 6 (hand-computed at x = 1 and 2.6)
        int k2 = io.keras4j.engine.kernels.GateActivation.code("hard_sigmoid_keras2");
        int k3 = io.keras4j.engine.kernels.GateActivation.code("hard_sigmoid");
        assertEquals(0.7f, io.keras4j.engine.kernels.GateActivation.apply(k2, 1f), 1e-7f);
        assertEquals(1f, io.keras4j.engine.kernels.GateActivation.apply(k2, 2.6f), 0f);
        assertEquals(2f / 3, io.keras4j.engine.kernels.GateActivation.apply(k3, 1f), 1e-7f);
        assertEquals(0.2f, io.keras4j.engine.kernels.GateActivation.derivative(k2, 0.7f), 0f);
    }

    @Test
    void keras1ConvPoolingAndDropoutKeys() {
        Map<String, Object> conv = LegacyConfigs.convert("Convolution2D", Map.of("nb_filter", 8, "nb_row", 3, "nb_col", 5,
                "border_mode", "same", "subsample", List.of(2, 1), "dim_ordering", "th"));
        assertEquals("Conv2D", LegacyConfigs.className("Convolution2D"));
        assertEquals(8, conv.get("filters"));
        assertEquals(List.of(3, 5), conv.get("kernel_size"));
        assertEquals("same", conv.get("padding"));
        assertEquals(List.of(2, 1), conv.get("strides"));
        assertEquals("channels_first", conv.get("data_format"));
        Map<String, Object> pool = LegacyConfigs.convert("MaxPooling1D", Map.of("pool_length", 2, "stride", 2, "border_mode", "valid"));
        assertEquals(Map.of("pool_size", 2, "strides", 2, "padding", "valid"), pool);
        assertEquals(Map.of("rate", 0.5), LegacyConfigs.convert("Dropout", Map.of("p", 0.5)));
        assertEquals(Map.of("negative_slope", 0.3), LegacyConfigs.convert("LeakyReLU", Map.of("alpha", 0.3)));
        assertEquals(Map.of("input_dim", 10, "output_dim", 4), LegacyConfigs.convert("Embedding", Map.of("input_dim", 10, "output_dim", 4)));
    }

    @Test
    void keras2AndKeras3InitializerObjectsBecomeNames() {
        assertEquals("glorot_uniform", LegacyConfigs.initializer(Map.of("class_name", "VarianceScaling",
                "config", Map.of("scale", 1.0, "mode", "fan_avg", "distribution", "uniform"))));
        assertEquals("he_normal", LegacyConfigs.initializer(Map.of("class_name", "VarianceScaling",
                "config", Map.of("scale", 2.0, "mode", "fan_in", "distribution", "truncated_normal"))));
        assertEquals("zeros", LegacyConfigs.initializer(Map.of("class_name", "Zeros", "config", Map.of())));
        assertEquals("glorot_uniform", LegacyConfigs.initializer(Map.of("module", "keras.initializers", "class_name", "GlorotUniform")));
    }

    static H5.Array arr(int[] shape, float... v) {
        return new H5.Array(v, shape, v);
    }

    @Test
    void keras1LstmGatesAreConcatenatedInKeras3Order() {
        // input 1, units 1: W_g = [[w_g]], U_g = [[u_g]], b_g = [b_g]; files store gates i, c, f, o
        List<H5.Array> w = new ArrayList<>();
        String[] gates = {"i", "c", "f", "o"};
        for (int g = 0; g < 4; g++) {
            w.add(arr(new int[] {1, 1}, 10 + g));
            w.add(arr(new int[] {1, 1}, 20 + g));
            w.add(arr(new int[] {1}, 30 + g));
        }
        List<H5.Array> k3 = LegacyWeights.toKeras3("LSTM", w, "tensorflow", "f", "lstm");
        // Keras 3 order i, f, c, o = file gates 0, 2, 1, 3
        assertArrayEquals(new float[] {10, 12, 11, 13}, k3.get(0).data);
        assertArrayEquals(new int[] {1, 4}, k3.get(0).shape);
        assertArrayEquals(new float[] {20, 22, 21, 23}, k3.get(1).data);
        assertArrayEquals(new float[] {30, 32, 31, 33}, k3.get(2).data);
        assertArrayEquals(new int[] {4}, k3.get(2).shape);
        assertEquals(4, gates.length);
    }

    @Test
    void theanoConvKernelsAreFlippedAndKeras1TheanoKernelsTransposed() {
        // Conv1D kernel (2, 1, 1): taps [a, b] -> flipped [b, a]
        List<H5.Array> k = LegacyWeights.toKeras3("Conv1D", List.of(arr(new int[] {2, 1, 1}, 1, 2), arr(new int[] {1}, 0)),
                "theano", "f", "c");
        assertArrayEquals(new float[] {2, 1}, k.get(0).data);
        assertArrayEquals(new float[] {1, 2}, LegacyWeights.toKeras3("Conv1D", List.of(arr(new int[] {2, 1, 1}, 1, 2)),
                "tensorflow", "f", "c").get(0).data);
        // Keras 1 Theano Convolution2D kernel (filters 1, channels 1, rows 2, cols 2) [[1, 2], [3, 4]]
        // -> (2, 2, 1, 1), then flipped on both spatial axes: [[4, 3], [2, 1]]
        List<H5.Array> c2 = LegacyWeights.toKeras3("Convolution2D", List.of(arr(new int[] {1, 1, 2, 2}, 1, 2, 3, 4)), "theano", "f", "c");
        assertArrayEquals(new int[] {2, 2, 1, 1}, c2.get(0).shape);
        assertArrayEquals(new float[] {4, 3, 2, 1}, c2.get(0).data);
    }
}
