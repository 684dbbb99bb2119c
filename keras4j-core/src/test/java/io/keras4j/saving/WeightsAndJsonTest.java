package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.keras4j.NDArray;
import io.keras4j.layers.Activation;
import io.keras4j.layers.Dense;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code saveWeights}/{@code loadWeights} in Keras 3's {@code .weights.h5} layout, and {@code toJson}/{@code modelFromJson}. */
class WeightsAndJsonTest {
    @TempDir
    Path dir;

    static Sequential model(int hidden) {
        Sequential m = new Sequential();
        m.add(new Dense(hidden, "tanh").name("hidden").inputShape(3));
        m.add(new Activation("relu").name("act"));
        m.add(new Dense(2).name("out"));
        return m;
    }

    @Test
    void weightsRoundTripInKeras3Layout() throws Exception {
        Sequential a = model(4), b = model(4);
        assertNotEquals(a.getWeights(), b.getWeights());
        Path p = dir.resolve("m.weights.h5");
        a.saveWeights(p);
        b.loadWeights(p);
        assertEquals(a.getWeights(), b.getWeights());
        NDArray x = KerasArchiveTest.data(5, 3, 9);
        assertArrayEquals(a.predict(x).toFloatArray(), b.predict(x).toFloatArray(), 0f);
        try (HdfFile h = new HdfFile(p)) {
            // Keras 3 names the groups by class, in order (dense, activation, dense_1), not by layer name
            assertArrayEquals(new int[] {3, 4}, h.getDatasetByPath("/layers/dense/vars/0").getDimensions());
            assertArrayEquals(new int[] {4}, h.getDatasetByPath("/layers/dense/vars/1").getDimensions());
            assertArrayEquals(new int[] {4, 2}, h.getDatasetByPath("/layers/dense_1/vars/0").getDimensions());
            assertTrue(h.getByPath("/layers/activation/vars") instanceof io.jhdf.api.Group, "a layer without weights has an empty vars group");
            assertTrue(h.getByPath("/vars") != null);
            assertTrue(h.getChildren().get("optimizer") == null, "weights files hold no optimizer state");
        }
    }

    @Test
    void layerGroupsAreNamedAsKeras3sToSnakeCase() {
        // keras/src/utils/naming.py's to_snake_case, worked by hand on these class names
        assertEquals("conv2d_transpose", WeightsFile.toSnakeCase("Conv2DTranspose"));
        assertEquals("p_re_lu", WeightsFile.toSnakeCase("PReLU"));
        assertEquals("simple_rnn", WeightsFile.toSnakeCase("SimpleRNN"));
        assertEquals("lstm", WeightsFile.toSnakeCase("LSTM"));
        assertEquals("global_average_pooling2d", WeightsFile.toSnakeCase("GlobalAveragePooling2D"));
        Sequential m = new Sequential(new Dense(2).name("a").inputShape(3), new Dense(2).name("b"), new Activation("relu"),
                new Dense(1).name("c"));
        assertEquals(List.of("dense", "dense_1", "activation", "dense_2"), WeightsFile.paths(m));
    }

    @Test
    void aShapeMismatchNamesTheLayerAndBothShapes() {
        Path p = dir.resolve("m.weights.h5");
        model(4).saveWeights(p);
        KerasFileException e = assertThrows(KerasFileException.class, () -> model(5).loadWeights(p));
        assertTrue(e.getMessage().contains("'hidden'") && e.getMessage().contains("(3, 5)") && e.getMessage().contains("(3, 4)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("m.weights.h5") && e.getMessage().contains("/layers/dense/vars/0"), e.getMessage());
    }

    @Test
    void aCountMismatchNamesTheLayer() {
        Path p = dir.resolve("m.weights.h5");
        Sequential noBias = new Sequential();
        noBias.add(new Dense(4, "tanh").useBias(false).name("hidden").inputShape(3));
        noBias.add(new Activation("relu").name("act"));
        noBias.add(new Dense(2).name("out"));
        noBias.saveWeights(p);
        KerasFileException e = assertThrows(KerasFileException.class, () -> model(4).loadWeights(p));
        assertTrue(e.getMessage().contains("'hidden' has 2 weights, the file has 1"), e.getMessage());
    }

    @Test
    void jsonRoundTrip() {
        Sequential a = model(4);
        String json = a.toJson();
        Map<String, Object> parsed = Json.parseObject(json, "json");
        assertEquals("Sequential", parsed.get("class_name"));
        assertEquals("keras", parsed.get("module"));
        Model b = Models.modelFromJson(json);
        assertEquals(json.replace(a.name(), "X"), b.toJson().replace(((Sequential) b).name(), "X"));
        List<NDArray> w = b.getWeights();
        assertEquals(4, w.size());
        assertArrayEquals(new int[] {3, 4}, w.get(0).shape());
    }

    @Test
    void loadWeightsReadsAKerasFileAndJsonKeepsTheCompileConfig() {
        Sequential a = model(4), b = model(4);
        a.compile(new io.keras4j.optimizers.RMSprop().rho(0.8), "mse", "mae");
        Path p = dir.resolve("m.keras");
        a.save(p);
        b.loadWeights(p);
        assertEquals(a.getWeights(), b.getWeights());
        Map<String, Object> json = Json.parseObject(a.toJson(), "json");
        assertTrue(json.containsKey("compile_config") && json.containsKey("build_config"), json.keySet().toString());
        Sequential c = (Sequential) Models.modelFromJson(a.toJson());
        assertEquals(0.8, ((io.keras4j.optimizers.RMSprop) c.getOptimizer()).getRho(), 1e-12);
        assertEquals(a.getLoss().name(), c.getLoss().name());
        assertEquals(io.keras4j.losses.MeanSquaredError.class, c.getLoss().getClass());
        assertEquals(List.of("mae"), c.getMetricNames());
    }

    @Test
    void jsonReaderLimitsAndPythonLiterals() {
        assertEquals(List.of(1L, 2.5, Double.NaN, Double.NEGATIVE_INFINITY, "a\"b\u00e9", true, false),
                java.util.Arrays.asList(((List<?>) Json.parse("[1, 2.5, NaN, -Infinity, \"a\\\"b\\u00e9\", true, false]", "t")).toArray()));
        assertEquals(null, Json.parse("null", "t"));
        String deep = "[".repeat(Json.MAX_DEPTH + 5) + "]".repeat(Json.MAX_DEPTH + 5);
        KerasFileException e = assertThrows(KerasFileException.class, () -> Json.parse(deep, "deep.json"));
        assertTrue(e.getMessage().startsWith("deep.json: JSON offset") && e.getMessage().contains("nested deeper"), e.getMessage());
        for (String bad : new String[] {"", "{", "[1,]", "{\"a\" 1}", "\"x", "01x", "tru", "[1] 2", "{\"a\":1,}"}) {
            assertThrows(KerasFileException.class, () -> Json.parse(bad, "bad"), bad);
        }
        String text = "{\"a\": [1, 2.0, null, {\"b\": \"c\\n\"}], \"d\": -3.5e-07}";
        assertEquals(Json.parse(text, "t"), Json.parse(Json.write(Json.parse(text, "t")), "t"));
        assertEquals("{\"x\": [1, 2.0, 1.0E-7]}", Json.write(Map.of("x", List.of(1, 2.0, 1e-7))));
    }
}
