package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.keras4j.KerasTensor;
import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Add;
import io.keras4j.layers.Concatenate;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Functional;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.optimizers.Adam;
import io.keras4j.optimizers.SGD;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Functional models through {@code .keras}, {@code .weights.h5} and JSON: files written by real
 * Keras 3 ({@code keras-compat/functional/}, made by its {@code make_fixtures.py}) load and predict
 * as Keras did; keras4j writes the layout Keras writes for the same model; round trips are exact.
 */
class FunctionalFilesTest {
    static final String RES = "/keras-compat/functional/";

    @TempDir
    Path dir;

    static byte[] resource(String name) {
        try (InputStream in = FunctionalFilesTest.class.getResourceAsStream(RES + name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The inputs and Keras's outputs of {@code <name>_io.json}. */
    static List<NDArray> arrays(String io, String key) {
        Map<String, Object> m = Json.parseObject(new String(resource(io), StandardCharsets.UTF_8), io);
        List<NDArray> out = new ArrayList<>();
        for (Object o : (List<?>) m.get(key)) {
            Map<?, ?> a = (Map<?, ?>) o;
            List<?> shape = (List<?>) a.get("shape"), data = (List<?>) a.get("data");
            int[] s = new int[shape.size()];
            for (int i = 0; i < s.length; i++) s[i] = ((Number) shape.get(i)).intValue();
            float[] d = new float[data.size()];
            for (int i = 0; i < d.length; i++) d[i] = ((Number) data.get(i)).floatValue();
            out.add(NDArray.of(d, s));
        }
        return out;
    }

    static void close(NDArray want, NDArray got, String what) {
        assertArrayEquals(want.shape(), got.shape(), what + ": shape");
        float[] w = want.toFloatArray(), g = got.toFloatArray();
        for (int i = 0; i < w.length; i++) {
            double err = Math.abs(w[i] - g[i]);
            if (err > 1e-5 && err > 1e-4 * Math.abs(w[i])) fail(what + "[" + i + "]: Keras " + w[i] + ", keras4j " + g[i]);
        }
    }

    static KerasTensor input(String name, int... shape) {
        return new KerasTensor(shape, name, List.of(), name);
    }

    /** The model of make_fixtures.py, in keras4j. */
    static Functional twoHeads() {
        KerasTensor a = input("a", 4), b = input("b", 4);
        Dense shared = new Dense(3, "relu").name("shared");
        KerasTensor h = new Concatenate().name("cat").apply(shared.apply(a), shared.apply(b));
        KerasTensor xIn = input("inner_in", 6);
        Functional inner = Model.of(xIn, new Dense(5, "tanh").name("inner_dense").apply(xIn)).name("inner");
        KerasTensor out1 = new Dense(1).name("out1").apply(h);
        KerasTensor sum = new Add().name("add").apply(inner.apply(h), new Dense(5).name("skip").apply(h));
        KerasTensor out2 = new Dense(2, "softmax").name("out2").apply(sum);
        return Model.of(List.of(a, b), List.of(out1, out2)).name("two_heads");
    }

    @Test
    void aFunctionalModelWrittenByKeras3PredictsAsKeras() {
        Model m = Models.loadModel(resource("functional.keras"), "functional.keras");
        Functional f = assertInstanceOf(Functional.class, m);
        assertEquals("two_heads", f.name());
        List<NDArray> x = arrays("functional_io.json", "inputs"), want = arrays("functional_io.json", "outputs");
        List<NDArray> got = f.predictAll(x.get(0), x.get(1));
        close(want.get(0), got.get(0), "out1");
        close(want.get(1), got.get(1), "out2");
        Adam adam = assertInstanceOf(Adam.class, f.getOptimizer());
        assertEquals(0.01, adam.getLearningRate(), 1e-8);
        assertEquals(3, adam.iterations(), "the optimizer's iterations, restored");
        assertEquals(List.of(0.5, 2.0), f.getLossWeights());
        assertEquals(List.of("mean_squared_error", "sparse_categorical_crossentropy"),
                f.getLosses().stream().map(l -> l.name()).toList());
    }

    /** Each optimizer/vars dataset lands on the variable and slot Keras named it for (adam/<layer>_<weight>_momentum|velocity). */
    @Test
    void eachOptimizerSlotOfAKeras3FileLandsOnItsVariable() {
        Functional f = (Functional) Models.loadModel(resource("functional.keras"), "functional.keras");
        io.keras4j.optimizers.Optimizer o = f.getOptimizer();
        Map<String, float[]> sets = datasets(entry(resource("functional.keras"), "model.weights.h5"));
        List<?> names = (List<?>) Json.parseObject(new String(resource("functional_io.json"), StandardCharsets.UTF_8), "io")
                .get("optimizer_variables");
        assertEquals(22, names.size());
        int checked = 0;
        for (int k = 2; k < names.size(); k++) {
            String n = ((String) names.get(k)).substring("adam/".length());
            int slot = n.endsWith("_momentum") ? 0 : 1;
            String key = n.substring(0, n.lastIndexOf('_'));
            for (io.keras4j.layers.Layer l : StateTree.leafLayers(f)) {
                for (io.keras4j.engine.Variable v : l.weights()) {
                    String w = v.name().substring(v.name().lastIndexOf('/') + 1);
                    if (!(l.name() + "_" + w).equals(key)) continue;
                    float[] got = java.util.Arrays.copyOfRange(o.slot(slot), v.off, v.off + v.size());
                    assertArrayEquals(sets.get("/optimizer/vars/" + k), got, n);
                    checked++;
                }
            }
        }
        assertEquals(20, checked, "every slot of every variable found");
    }

    @Test
    void resavingAKeras3FileWritesEveryDatasetAsKerasDid() throws Exception {
        Model m = Models.loadModel(resource("functional.keras"), "functional.keras");
        Path p = dir.resolve("again.keras");
        m.save(p);
        Map<String, float[]> want = datasets(entry(resource("functional.keras"), "model.weights.h5"));
        Map<String, float[]> got = datasets(entry(Files.readAllBytes(p), "model.weights.h5"));
        assertEquals(want.keySet(), got.keySet(), "the same datasets (weights and optimizer state)");
        for (String k : want.keySet()) assertArrayEquals(want.get(k), got.get(k), k);
    }

    @Test
    void writesTheFunctionalLayoutKeras3Writes() throws Exception {
        Map<String, Object> fixture = Json.parseObject(new String(resource("functional-layout.json"), StandardCharsets.UTF_8), "fixture");
        Functional m = twoHeads();
        m.compile(new Adam().learningRate(0.01), new io.keras4j.losses.Loss[] {io.keras4j.losses.Losses.get("mse"),
                io.keras4j.losses.Losses.get("sparse_categorical_crossentropy")}, List.of(0.5, 2.0));
        m.fit(List.of(KerasArchiveTest.data(8, 4, 1), KerasArchiveTest.data(8, 4, 2)),
                List.of(KerasArchiveTest.data(8, 1, 3), KerasArchiveTest.labels(8, 2, 4)), new FitOptions().epochs(1).verbose(0));
        Path p = dir.resolve("layout.keras");
        m.save(p);
        byte[] zip = Files.readAllBytes(p);
        List<String> names = new ArrayList<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) names.add(e.getName());
        }
        assertEquals(fixture.get("zip_entries"), names);

        Map<String, Object> want = KerasArchiveTest.cast(fixture.get("config"));
        Map<String, Object> got = Json.parseObject(new String(entry(zip, "config.json"), StandardCharsets.UTF_8), "config");
        assertEquals(new ArrayList<>(want.keySet()), new ArrayList<>(got.keySet()), "top-level keys");
        for (String k : List.of("module", "class_name", "registered_name", "build_config")) assertEquals(want.get(k), got.get(k), k);
        Map<String, Object> wc = KerasArchiveTest.cast(want.get("config")), gc = KerasArchiveTest.cast(got.get("config"));
        assertEquals(new ArrayList<>(wc.keySet()), new ArrayList<>(gc.keySet()), "config keys");
        for (String k : List.of("name", "trainable", "input_layers", "output_layers")) assertEquals(wc.get(k), gc.get(k), "config." + k);
        List<Object> wl = KerasArchiveTest.castList(wc.get("layers")), gl = KerasArchiveTest.castList(gc.get("layers"));
        assertEquals(names(wl), names(gl), "the layers, in Keras's order");
        for (int i = 0; i < wl.size(); i++) sameLayer(KerasArchiveTest.cast(wl.get(i)), KerasArchiveTest.cast(gl.get(i)), "layers[" + i + "]");
        Map<String, Object> wcc = KerasArchiveTest.cast(want.get("compile_config")), gcc = KerasArchiveTest.cast(got.get("compile_config"));
        assertEquals(wcc.keySet(), gcc.keySet(), "compile_config keys");
        assertEquals(wcc.get("loss_weights"), gcc.get("loss_weights"));

        try (HdfFile h = HdfFile.fromBytes(entry(zip, "model.weights.h5"))) {
            java.util.Set<String> groups = new java.util.TreeSet<>();
            Map<String, String> datasets = new TreeMap<>();
            Map<String, Object> attrs = new TreeMap<>();
            walk(h, groups, datasets, attrs);
            assertEquals(new java.util.TreeSet<>(KerasArchiveTest.castList(fixture.get("h5_groups"))), groups);
            Map<String, String> wd = new TreeMap<>();
            for (Map.Entry<String, Object> e : KerasArchiveTest.cast(fixture.get("h5_datasets")).entrySet()) {
                Map<String, Object> d = KerasArchiveTest.cast(e.getValue());
                wd.put(e.getKey(), d.get("shape") + " " + d.get("dtype"));
            }
            // iterations: the backend's int, int32 under the numpy backend that wrote the fixture, int64 under
            // TensorFlow (the Sequential fixture, keras3-layout.json), which keras4j writes
            assertEquals("[] int32", wd.put("/optimizer/vars/0", "[] int64"));
            assertEquals(wd, datasets);
            assertEquals(new TreeMap<>(KerasArchiveTest.cast(fixture.get("h5_attributes"))), attrs);
        }
    }

    /** A layer entry: the same keys in the same order, the same name, class, build_config and inbound nodes (the layer's own config is the Sequential fixture's concern). */
    private static void sameLayer(Map<String, Object> w, Map<String, Object> g, String where) {
        List<String> wk = new ArrayList<>(w.keySet());
        assertEquals(wk, new ArrayList<>(g.keySet()), where + ": keys");
        for (String k : wk) {
            if (k.equals("config")) continue;
            assertEquals(w.get(k), g.get(k), where + "." + k);
        }
        if ("InputLayer".equals(w.get("class_name"))) {
            Map<String, Object> wc = new LinkedHashMap<>(KerasArchiveTest.cast(w.get("config")));
            wc.remove("optional"); // added after Keras 3.12, whose InputLayer keras4j writes
            assertEquals(wc, g.get("config"), where + ".config");
        }
    }

    private static List<Object> names(List<Object> layers) {
        List<Object> n = new ArrayList<>();
        for (Object o : layers) n.add(KerasArchiveTest.cast(o).get("name"));
        return n;
    }

    static byte[] entry(byte[] zip, String name) {
        return KerasArchive.entries(zip, "zip").get(name);
    }

    private static void walk(Group g, java.util.Set<String> groups, Map<String, String> datasets, Map<String, Object> attrs) {
        for (Node n : g) {
            String path = n.getPath().replaceAll("/$", "");
            if (!n.getAttributes().isEmpty()) {
                Map<String, Object> a = new TreeMap<>();
                n.getAttributes().forEach((k, v) -> a.put(k, v.getData()));
                attrs.put(path, a);
            }
            if (n instanceof Group sub) {
                groups.add(path);
                walk(sub, groups, datasets, attrs);
            } else {
                Dataset d = (Dataset) n;
                List<Long> shape = new ArrayList<>();
                for (int s : d.getDimensions()) shape.add((long) s);
                Class<?> t = d.getJavaType();
                String dtype = t == float.class || t == Float.class ? "float32" : t == long.class || t == Long.class ? "int64" : t.getName();
                datasets.put(path, shape + " " + dtype);
            }
        }
    }

    /** Every dataset of an HDF5 file, as floats. */
    static Map<String, float[]> datasets(byte[] h5) {
        Map<String, float[]> out = new TreeMap<>();
        try (HdfFile h = HdfFile.fromBytes(h5)) {
            collect(h, out);
        }
        return out;
    }

    private static void collect(Group g, Map<String, float[]> out) {
        for (Node n : g) {
            if (n instanceof Group sub) collect(sub, out);
            else out.put(n.getPath(), H5.readArray((Dataset) n, Long.MAX_VALUE, "x").data);
        }
    }

    @Test
    void saveLoadPredictAndResumedTrainingEqualsUninterrupted() {
        List<NDArray> x = List.of(KerasArchiveTest.data(48, 4, 5), KerasArchiveTest.data(48, 4, 6));
        List<NDArray> y = List.of(KerasArchiveTest.data(48, 1, 7), KerasArchiveTest.labels(48, 2, 8));
        for (boolean adam : new boolean[] {true, false}) {
            Functional a = twoHeads(), c = twoHeads();
            c.setWeights(a.getWeights());
            a.compile(adam ? new Adam().learningRate(0.01) : new SGD().momentum(0.9), List.of("mse", "sparse_categorical_crossentropy"),
                    List.of(0.5, 2.0));
            c.compile(adam ? new Adam().learningRate(0.01) : new SGD().momentum(0.9), List.of("mse", "sparse_categorical_crossentropy"),
                    List.of(0.5, 2.0));
            FitOptions two = new FitOptions().epochs(2).batchSize(16).shuffle(false).verbose(0);
            a.fit(x, y, two);
            Path p = dir.resolve("resume-" + adam + ".keras");
            a.save(p);
            Functional b = (Functional) Models.loadModel(p);
            assertEquals(a.getWeights(), b.getWeights());
            List<NDArray> pa = a.predictAll(x.get(0), x.get(1)), pb = b.predictAll(x.get(0), x.get(1));
            for (int i = 0; i < 2; i++) assertArrayEquals(pa.get(i).toFloatArray(), pb.get(i).toFloatArray(), 0f);
            History resumed = b.fit(x, y, two);
            History straight = c.fit(x, y, new FitOptions().epochs(4).batchSize(16).shuffle(false).verbose(0));
            for (String k : straight.history().keySet()) {
                assertEquals(straight.history().get(k).subList(2, 4), resumed.history().get(k), (adam ? "Adam " : "SGD ") + k + " after resuming");
            }
        }
    }

    @Test
    void weightsFileAndJsonRoundTrip() {
        Functional a = twoHeads();
        Path p = dir.resolve("w.weights.h5");
        a.saveWeights(p);
        Functional b = twoHeads();
        b.loadWeights(p);
        assertEquals(a.getWeights(), b.getWeights());

        String json = a.toJson();
        Functional c = (Functional) Models.modelFromJson(json);
        assertEquals(json, c.toJson(), "toJson of the model read back");
        assertNull(c.getOptimizer());
        c.loadWeights(p);
        NDArray xa = KerasArchiveTest.data(5, 4, 9), xb = KerasArchiveTest.data(5, 4, 10);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(a.predictAll(xa, xb).get(i).toFloatArray(), c.predictAll(xa, xb).get(i).toFloatArray(), 0f);
        }
    }

    @Test
    void recurrentLayersAndWrappersWrittenByKeras3() throws Exception {
        Model m = Models.loadModel(resource("rnn.keras"), "rnn.keras");
        List<NDArray> x = arrays("rnn_io.json", "inputs"), want = arrays("rnn_io.json", "outputs");
        close(want.get(0), m.predict(x.get(0)), "rnn");
        Path p = dir.resolve("rnn.keras");
        m.save(p);
        Map<String, float[]> wantSets = datasets(entry(resource("rnn.keras"), "model.weights.h5"));
        Map<String, float[]> got = datasets(entry(Files.readAllBytes(p), "model.weights.h5"));
        assertTrue(got.containsKey("/layers/bidirectional/forward_layer/cell/vars/0"), got.keySet().toString());
        assertTrue(got.containsKey("/layers/time_distributed/layer/vars/1"), got.keySet().toString());
        assertTrue(got.containsKey("/layers/lstm/cell/vars/2"), got.keySet().toString());
        wantSets.keySet().removeIf(k -> k.startsWith("/optimizer"));
        got.keySet().removeIf(k -> k.startsWith("/optimizer"));
        assertEquals(wantSets.keySet(), got.keySet());
        for (String k : wantSets.keySet()) assertArrayEquals(wantSets.get(k), got.get(k), k);
    }

    @Test
    void keras2HardSigmoidWrittenAsKeras3ComputesIt() throws Exception {
        Model m = Models.loadModel(resource("hard_sigmoid_keras2.keras"), "hard_sigmoid_keras2.keras");
        List<NDArray> x = arrays("hard_sigmoid_keras2_io.json", "inputs"), want = arrays("hard_sigmoid_keras2_io.json", "outputs");
        close(want.get(0), m.predict(x.get(0)), "hard_sigmoid_keras2 (Keras's output)");
        Map<String, Object> cfg = ((io.keras4j.models.Sequential) m).layers().get(0).getConfig();
        assertEquals("hard_sigmoid_keras2", cfg.get("recurrent_activation"));
        Path p = dir.resolve("hs.keras");
        m.save(p);
        String json = new String(entry(Files.readAllBytes(p), "config.json"), StandardCharsets.UTF_8);
        assertTrue(!json.contains("\"hard_sigmoid_keras2\"") || json.contains("\"name\": \"hard_sigmoid_keras2\""), json);
        Map<String, Object> parsed = Json.parseObject(json, "c");
        Map<String, Object> lstm = KerasArchiveTest.cast(KerasArchiveTest.cast(KerasArchiveTest.castList(
                KerasArchiveTest.cast(parsed.get("config")).get("layers")).get(1)).get("config"));
        assertTrue(HardSigmoidKeras2.matches(KerasArchiveTest.cast(lstm.get("recurrent_activation"))), lstm.toString());
        Model back = Models.loadModel(p);
        assertArrayEquals(m.predict(x.get(0)).toFloatArray(), back.predict(x.get(0)).toFloatArray(), 0f);
    }

    /** The model_config a Keras 2 (tf.keras 2.x) .h5 holds for a, b = Input((4,)); shared = Dense(3, relu); Dense(2)(Concatenate()([shared(a), shared(b)])). */
    static final String KERAS2_CONFIG = """
            {"class_name": "Functional", "config": {"name": "model", "layers": [
             {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 4], "dtype": "float32", "sparse": false,
              "ragged": false, "name": "input_1"}, "name": "input_1", "inbound_nodes": []},
             {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 4], "dtype": "float32", "sparse": false,
              "ragged": false, "name": "input_2"}, "name": "input_2", "inbound_nodes": []},
             {"class_name": "Dense", "config": {"name": "dense", "trainable": true, "dtype": "float32", "units": 3,
              "activation": "relu", "use_bias": true, "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": null}},
              "bias_initializer": {"class_name": "Zeros", "config": {}}, "kernel_regularizer": null, "bias_regularizer": null,
              "activity_regularizer": null, "kernel_constraint": null, "bias_constraint": null},
              "name": "dense", "inbound_nodes": [[["input_1", 0, 0, {}]], [["input_2", 0, 0, {}]]]},
             {"class_name": "Concatenate", "config": {"name": "concatenate", "trainable": true, "dtype": "float32", "axis": -1},
              "name": "concatenate", "inbound_nodes": [[["dense", 0, 0, {}], ["dense", 1, 0, {}]]]},
             {"class_name": "Dense", "config": {"name": "dense_1", "trainable": true, "dtype": "float32", "units": 2,
              "activation": "linear", "use_bias": true, "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": null}},
              "bias_initializer": {"class_name": "Zeros", "config": {}}, "kernel_regularizer": null, "bias_regularizer": null,
              "activity_regularizer": null, "kernel_constraint": null, "bias_constraint": null},
              "name": "dense_1", "inbound_nodes": [[["concatenate", 0, 0, {}]]]}],
             "input_layers": [["input_1", 0, 0], ["input_2", 0, 0]], "output_layers": [["dense_1", 0, 0]]},
             "keras_version": "2.13.1", "backend": "tensorflow"}
            """;

    @Test
    void readsAKeras2FunctionalConfig() {
        // the model_config a Keras 2 (tf.keras 2.x) .h5 holds for: a, b = Input((4,)); shared = Dense(3);
        // Dense(2)(Concatenate()([shared(a), shared(b)])); inbound nodes as [[[layer, node, tensor, kwargs], ...]]
        String json = KERAS2_CONFIG;
        Functional f = (Functional) Models.modelFromJson(json);
        assertEquals("model", f.name());
        assertEquals(2, f.inputs().size());
        assertEquals(4, f.getWeights().size(), "the shared Dense has one kernel and bias");
        // the same graph built by hand, with the same weights, predicts the same
        KerasTensor a = input("a", 4), b = input("b", 4);
        Dense shared = new Dense(3, "relu");
        Functional g = Model.of(List.of(a, b), List.of(new Dense(2).apply(new Concatenate().apply(shared.apply(a), shared.apply(b)))));
        g.setWeights(f.getWeights());
        NDArray xa = KerasArchiveTest.data(3, 4, 1), xb = KerasArchiveTest.data(3, 4, 2);
        assertArrayEquals(g.predict(xa, xb).toFloatArray(), f.predict(xa, xb).toFloatArray(), 0f);
        assertTrue(!java.util.Arrays.equals(f.predict(xa, xb).toFloatArray(), f.predict(xb, xa).toFloatArray()), "the inputs are told apart");
    }

    @Test
    void aBrokenGraphIsRefusedNamingTheLayer() {
        String base = new String(entry(resource("functional.keras"), "config.json"), StandardCharsets.UTF_8);
        String unknown = base.replace("\"keras_history\": [\"cat\", 0, 0]", "\"keras_history\": [\"nowhere\", 0, 0]");
        KerasFileException e = assertThrows(KerasFileException.class, () -> Models.modelFromJson(unknown));
        assertTrue(e.getMessage().contains("unknown layer 'nowhere'"), e.getMessage());
        String missingNode = base.replace("\"keras_history\": [\"shared\", 1, 0]", "\"keras_history\": [\"shared\", 5, 0]");
        e = assertThrows(KerasFileException.class, () -> Models.modelFromJson(missingNode));
        assertTrue(e.getMessage().contains("Concatenate 'cat'") && e.getMessage().contains("never computed"), e.getMessage());
    }

    @Test
    void readsAKeras2FunctionalH5WithItsWeights() throws Exception {
        // a Keras 2 full-model .h5 as tf.keras 2.x lays it out: @model_config (the config above), @keras_version,
        // @backend, model_weights/@layer_names, model_weights/<layer>/@weight_names, model_weights/<layer>/<layer>/kernel:0
        String json = KERAS2_CONFIG;
        KerasTensor a = input("a", 4), b = input("b", 4);
        Dense shared = new Dense(3, "relu");
        Functional g = Model.of(List.of(a, b), List.of(new Dense(2).apply(new Concatenate().apply(shared.apply(a), shared.apply(b)))));
        List<NDArray> w = g.getWeights();
        Path p = dir.resolve("keras2.h5");
        H5.write(p, root -> {
            root.putAttribute("model_config", json);
            root.putAttribute("keras_version", "2.13.1");
            root.putAttribute("backend", "tensorflow");
            io.jhdf.api.WritableGroup mw = root.putGroup("model_weights");
            mw.putAttribute("layer_names", new String[] {"input_1", "input_2", "dense", "concatenate", "dense_1"});
            // Keras writes an empty weight_names for a layer without weights; jhdf cannot write an empty string array
            for (String n : new String[] {"input_1", "input_2", "concatenate"}) mw.putGroup(n);
            for (int k = 0; k < 2; k++) {
                String n = k == 0 ? "dense" : "dense_1";
                io.jhdf.api.WritableGroup lg = mw.putGroup(n);
                lg.putAttribute("weight_names", new String[] {n + "/kernel:0", n + "/bias:0"});
                io.jhdf.api.WritableGroup inner = lg.putGroup(n);
                inner.putDataset("kernel:0", WeightsFile.shaped(w.get(2 * k).toFloatArray(), w.get(2 * k).shape()));
                inner.putDataset("bias:0", w.get(2 * k + 1).toFloatArray());
            }
        });
        Functional f = (Functional) Models.loadModel(p);
        assertEquals(w, f.getWeights());
        NDArray xa = KerasArchiveTest.data(3, 4, 1), xb = KerasArchiveTest.data(3, 4, 2);
        assertArrayEquals(g.predict(xa, xb).toFloatArray(), f.predict(xa, xb).toFloatArray(), 0f);
    }

    /** Every merge layer, in a functional model: .keras, weights and JSON round trips give the same outputs. */
    @Test
    void everyMergeLayerRoundTrips() throws Exception {
        Map<String, java.util.function.Supplier<io.keras4j.layers.Merge>> cases = new TreeMap<>();
        cases.put("Add", Add::new);
        cases.put("Subtract", io.keras4j.layers.Subtract::new);
        cases.put("Multiply", io.keras4j.layers.Multiply::new);
        cases.put("Average", io.keras4j.layers.Average::new);
        cases.put("Maximum", io.keras4j.layers.Maximum::new);
        cases.put("Minimum", io.keras4j.layers.Minimum::new);
        cases.put("Concatenate", () -> new Concatenate(-1));
        cases.put("Dot", () -> new io.keras4j.layers.Dot(1, true));
        java.io.File folder = new java.io.File(io.keras4j.layers.Layer.class.getResource("Layer.class").toURI()).getParentFile();
        java.util.Set<String> merges = new java.util.TreeSet<>();
        for (String f : folder.list()) {
            if (!f.endsWith(".class") || f.contains("$")) continue;
            Class<?> cl = Class.forName("io.keras4j.layers." + f.substring(0, f.length() - 6));
            if (io.keras4j.layers.Merge.class.isAssignableFrom(cl) && !java.lang.reflect.Modifier.isAbstract(cl.getModifiers())) {
                merges.add(cl.getSimpleName());
            }
        }
        assertEquals(merges, cases.keySet(), "every merge layer class has a case");
        NDArray xa = KerasArchiveTest.data(6, 4, 11), xb = KerasArchiveTest.data(6, 4, 12);
        for (Map.Entry<String, java.util.function.Supplier<io.keras4j.layers.Merge>> e : cases.entrySet()) {
            KerasTensor a = input("a", 4), b = input("b", 4);
            KerasTensor ha = new Dense(3, "tanh").apply(a), hb = new Dense(3, "tanh").apply(b);
            Functional m = Model.of(List.of(a, b), List.of(new Dense(2).apply(e.getValue().get().apply(ha, hb))));
            m.compile(new Adam(), "mse");
            Path p = dir.resolve(e.getKey() + ".keras");
            m.save(p);
            Model back = Models.loadModel(p);
            assertArrayEquals(m.predict(xa, xb).toFloatArray(), back.predict(xa, xb).toFloatArray(), 0f, e.getKey() + " .keras");
            Functional fromJson = (Functional) Models.modelFromJson(m.toJson());
            Path w = dir.resolve(e.getKey() + ".weights.h5");
            m.saveWeights(w);
            fromJson.loadWeights(w);
            assertArrayEquals(m.predict(xa, xb).toFloatArray(), fromJson.predict(xa, xb).toFloatArray(), 0f, e.getKey() + " JSON + weights");
            assertEquals(m.toJson().replace(m.name(), "x"), fromJson.toJson().replace(fromJson.name(), "x"), e.getKey() + " JSON");
        }
    }

    @Test
    void modelCheckpointSavesAFunctionalModel() {
        Functional m = twoHeads();
        m.compile(new Adam(), List.of("mse", "sparse_categorical_crossentropy"));
        List<NDArray> x = List.of(KerasArchiveTest.data(16, 4, 1), KerasArchiveTest.data(16, 4, 2));
        List<NDArray> y = List.of(KerasArchiveTest.data(16, 1, 3), KerasArchiveTest.labels(16, 2, 4));
        m.fit(x, y, new FitOptions().epochs(2).verbose(0).callbacks(
                new io.keras4j.callbacks.ModelCheckpoint(dir.resolve("m-{epoch}.keras")).monitor("loss"),
                new io.keras4j.callbacks.ModelCheckpoint(dir.resolve("w-{epoch}.weights.h5")).monitor("loss").saveWeightsOnly(true)));
        Functional last = (Functional) Models.loadModel(dir.resolve("m-2.keras"));
        assertEquals(m.getWeights(), last.getWeights());
        Functional w = twoHeads();
        w.loadWeights(dir.resolve("w-2.weights.h5"));
        assertEquals(m.getWeights(), w.getWeights());
    }
}
