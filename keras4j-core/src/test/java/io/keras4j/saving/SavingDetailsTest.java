package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.WritableGroup;
import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.engine.Variable;
import io.keras4j.layers.BatchNormalization;
import io.keras4j.layers.Bidirectional;
import io.keras4j.layers.Dense;
import io.keras4j.layers.GRU;
import io.keras4j.layers.LSTM;
import io.keras4j.layers.Layer;
import io.keras4j.layers.TimeDistributed;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved files' permissions, older keras4j weight layouts, the Keras 2 hard sigmoid and the optimizer's trainable slots. */
class SavingDetailsTest {
    @TempDir
    Path dir;

    @Test
    void savedFilesGetThePermissionsOfAPlainWrite() throws Exception {
        Assumptions.assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null, "a POSIX file system");
        Path probe = Files.write(dir.resolve("probe"), new byte[] {1});
        Set<PosixFilePermission> plain = Files.getPosixFilePermissions(probe); // 0666 less the umask, as Files.write makes it
        Files.delete(probe);
        Sequential m = KerasArchiveTest.mlp(3);
        m.compile("adam", "mse");
        Path k = dir.resolve("m.keras"), w = dir.resolve("m.weights.h5");
        m.save(k);
        m.saveWeights(w);
        assertEquals(plain, Files.getPosixFilePermissions(k), "a new .keras file");
        assertEquals(plain, Files.getPosixFilePermissions(w), "a new weights file");
        assertTrue(plain.contains(PosixFilePermission.OWNER_READ) && plain.contains(PosixFilePermission.OWNER_WRITE));
        // an existing file keeps its own permissions, as a write that truncates it would
        Set<PosixFilePermission> own = PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(k, own);
        m.save(k);
        assertEquals(own, Files.getPosixFilePermissions(k), "an overwritten .keras file");
        try (var files = Files.list(dir)) {
            assertEquals(Set.of(k, w), Set.copyOf(files.toList()), "no temporary file left");
        }
        assertEquals(m.getWeights(), Models.loadModel(k).getWeights());
    }

    static Sequential rnn() {
        Sequential m = new Sequential();
        m.add(new LSTM(4).returnSequences(true).inputShape(5, 3));
        m.add(new Bidirectional(new GRU(2).returnSequences(true)));
        m.add(new TimeDistributed(new Dense(3)));
        return m;
    }

    @Test
    void readsTheFlatRnnAndWrapperLayoutOfOlderKeras4jFiles() throws Exception {
        Sequential a = rnn();
        Path p = dir.resolve("old.weights.h5");
        // what keras4j wrote before it followed Keras 3's nested groups: every layer's weights in layers/<path>/vars
        H5.write(p, root -> {
            WritableGroup layers = root.putGroup("layers");
            List<String> paths = WeightsFile.paths(a);
            for (int i = 0; i < a.layers().size(); i++) {
                Layer l = a.layers().get(i);
                WritableGroup vars = layers.putGroup(paths.get(i)).putGroup("vars");
                vars.putAttribute("name", l.name());
                List<Variable> ws = l.weights();
                for (int j = 0; j < ws.size(); j++) {
                    Variable v = ws.get(j);
                    vars.putDataset(Integer.toString(j), WeightsFile.shaped(java.util.Arrays.copyOfRange(v.data, v.off, v.off + v.size()), v.shape()));
                }
            }
            root.putGroup("vars").putAttribute("name", a.name());
        });
        Sequential b = rnn();
        b.loadWeights(p);
        assertEquals(a.getWeights(), b.getWeights());
        // and keras4j now writes Keras 3's nested groups, which it reads back
        Path q = dir.resolve("new.weights.h5");
        a.saveWeights(q);
        try (HdfFile h = new HdfFile(q)) {
            for (String path : List.of("/layers/lstm/cell/vars/2", "/layers/bidirectional/forward_layer/cell/vars/0",
                    "/layers/bidirectional/backward_layer/cell/vars/2", "/layers/time_distributed/layer/vars/1")) {
                assertTrue(h.getByPath(path) != null, path);
            }
            assertEquals("lstm_cell", h.getByPath("/layers/lstm/cell/vars").getAttribute("name").getData());
        }
        Sequential c = rnn();
        c.loadWeights(q);
        assertEquals(a.getWeights(), c.getWeights());
    }

    @Test
    void aConvertedKeras2LstmIsWrittenInAFormKeras3Reads() throws Exception {
        byte[] h5 = FunctionalFilesTest.class.getResourceAsStream("/keras-compat/legacy-h5/simple_lstm/simple_lstm_tf_keras_2_model.h5")
                .readAllBytes();
        Sequential legacy = (Sequential) Models.loadModel(h5, "simple_lstm_tf_keras_2_model.h5");
        assertEquals("hard_sigmoid_keras2", legacy.layers().get(0).getConfig().get("recurrent_activation"));
        Path p = dir.resolve("converted.keras");
        legacy.save(p);
        String json = new String(FunctionalFilesTest.entry(Files.readAllBytes(p), "config.json"), StandardCharsets.UTF_8);
        assertFalse(json.contains("\"activation\": \"hard_sigmoid_keras2\""), json);
        Map<String, Object> lstm = KerasArchiveTest.cast(KerasArchiveTest.cast(KerasArchiveTest.castList(
                KerasArchiveTest.cast(Json.parseObject(json, "c").get("config")).get("layers")).get(1)).get("config"));
        assertTrue(HardSigmoidKeras2.matches(KerasArchiveTest.cast(lstm.get("recurrent_activation"))), lstm.toString());
        Model back = Models.loadModel(p);
        NDArray x = NDArray.randn(3, legacy.inputShape()[0], legacy.inputShape()[1]);
        assertArrayEquals(legacy.predict(x).toFloatArray(), back.predict(x).toFloatArray(), 0f, "keras4j's own round trip is exact");
    }

    @Test
    void optimizerStateCoversTheTrainableVariablesAsKeras() throws Exception {
        NDArray x = KerasArchiveTest.data(64, 4, 1), y = KerasArchiveTest.labels(64, 3, 2);
        Sequential a = bn(), c = bn();
        c.setWeights(a.getWeights());
        a.compile(new Adam().learningRate(0.01), "sparse_categorical_crossentropy");
        c.compile(new Adam().learningRate(0.01), "sparse_categorical_crossentropy");
        FitOptions two = new FitOptions().epochs(2).batchSize(16).shuffle(false).verbose(0);
        a.fit(x, y, two);
        Path p = dir.resolve("bn.keras");
        a.save(p);
        try (HdfFile h = HdfFile.fromBytes(FunctionalFilesTest.entry(Files.readAllBytes(p), "model.weights.h5"))) {
            // iterations, learning rate, then m and v of the 6 trainable variables (not the moving mean and variance)
            assertEquals(2 + 2 * 6, ((io.jhdf.api.Group) h.getByPath("/optimizer/vars")).getChildren().size());
        }
        History resumed = Models.loadModel(p).fit(x, y, two);
        History straight = c.fit(x, y, new FitOptions().epochs(4).batchSize(16).shuffle(false).verbose(0));
        assertEquals(straight.history().get("loss").subList(2, 4), resumed.history().get("loss"));
    }

    private static Sequential bn() {
        Sequential m = new Sequential();
        m.add(new Dense(8, "relu").inputShape(4));
        m.add(new BatchNormalization());
        m.add(new Dense(3, "softmax"));
        return m;
    }
}
