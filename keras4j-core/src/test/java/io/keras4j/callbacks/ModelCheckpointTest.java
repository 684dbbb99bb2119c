package io.keras4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckpointTest {
    @TempDir
    Path dir;

    /** Expected strings are what Python 3 prints for {@code pattern.format(epoch=..., **logs)}. */
    @Test
    void formatsFileNamesAsPythonDoes() {
        assertEquals("ckpt-03-0.41.keras", ModelCheckpoint.format("ckpt-{epoch:02d}-{val_loss:.2f}.keras", 3, Map.of("val_loss", 0.41111)));
        assertEquals("2.67", ModelCheckpoint.format("{v:.2f}", 1, Map.of("v", 2.675))); // 2.67499999... in binary
        assertEquals("0.12", ModelCheckpoint.format("{v:.2f}", 1, Map.of("v", 0.125))); // exact tie: half to even
        assertEquals("0.1 1e-05 2.0 1.2345678901234568e+17 0.0001", ModelCheckpoint.format("{a} {b} {c} {d} {e}", 1,
                Map.of("a", 0.1, "b", 1e-05, "c", 2.0, "d", 123456789012345678.0, "e", 0.0001)));
        assertEquals("7 007 1.235e-04 92.3% 0.333333", ModelCheckpoint.format("{epoch} {epoch:03d} {l:.3e} {a:.1%} {t:f}", 7,
                Map.of("l", 0.000123456, "a", 0.9234, "t", 1.0 / 3)));
        assertThrows(IllegalArgumentException.class, () -> ModelCheckpoint.format("{val_acc}", 1, Map.of("val_loss", 1.0)));
    }

    static Sequential model() {
        Sequential m = new Sequential();
        m.add(new Dense(4, "tanh").inputShape(2));
        m.add(new Dense(1));
        m.compile("sgd", "mse");
        return m;
    }

    @Test
    void saveBestOnlySavesOnImprovementOnly() {
        Sequential m = model();
        ModelCheckpoint c = new ModelCheckpoint(dir.resolve("ckpt-{epoch:02d}-{val_loss:.2f}.keras")).saveBestOnly(true);
        c.setModel(m);
        c.onTrainBegin(Map.of());
        c.onEpochEnd(0, Map.of("loss", 1.0, "val_loss", 0.5));
        c.onEpochEnd(1, Map.of("loss", 0.9, "val_loss", 0.6));
        c.onEpochEnd(2, Map.of("loss", 0.8, "val_loss", 0.4));
        // a missing val_loss fails to format the name, as Python's str.format raises KeyError in Keras
        assertThrows(IllegalArgumentException.class, () -> c.onEpochEnd(3, Map.of("loss", 0.7)));
        assertTrue(Files.exists(dir.resolve("ckpt-01-0.50.keras")));
        assertFalse(Files.exists(dir.resolve("ckpt-02-0.60.keras")));
        assertTrue(Files.exists(dir.resolve("ckpt-03-0.40.keras")));
        assertEquals(m.getWeights(), Models.loadModel(dir.resolve("ckpt-03-0.40.keras")).getWeights());
    }

    @Test
    void aMissingMonitorSkipsTheSave() {
        ModelCheckpoint c = new ModelCheckpoint(dir.resolve("best.keras")).saveBestOnly(true);
        c.setModel(model());
        c.onTrainBegin(Map.of());
        c.onEpochEnd(0, Map.of("loss", 0.7));
        assertFalse(Files.exists(dir.resolve("best.keras")));
    }

    @Test
    void autoModeMaximizesAccuracy() {
        Sequential m = model();
        ModelCheckpoint c = new ModelCheckpoint(dir.resolve("w-{epoch}.weights.h5")).monitor("val_accuracy").saveBestOnly(true)
                .saveWeightsOnly(true);
        c.setModel(m);
        c.onTrainBegin(Map.of());
        c.onEpochEnd(0, Map.of("val_accuracy", 0.5));
        c.onEpochEnd(1, Map.of("val_accuracy", 0.4));
        c.onEpochEnd(2, Map.of("val_accuracy", 0.7));
        assertTrue(Files.exists(dir.resolve("w-1.weights.h5")));
        assertFalse(Files.exists(dir.resolve("w-2.weights.h5")));
        assertTrue(Files.exists(dir.resolve("w-3.weights.h5")));
    }

    @Test
    void savesEveryEpochDuringFit() throws Exception {
        Sequential m = model();
        NDArray x = NDArray.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2), y = NDArray.of(new float[] {0, 1, 1, 0}, 4, 1);
        m.fit(x, y, new FitOptions().epochs(3).verbose(0).callbacks(new ModelCheckpoint(dir.resolve("e{epoch}.keras"))));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("e1.keras", "e2.keras", "e3.keras"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(m.getWeights(), Models.loadModel(dir.resolve("e3.keras")).getWeights());
    }

    @Test
    void refusesAPathOfTheWrongKind() {
        ModelCheckpoint weights = new ModelCheckpoint(dir.resolve("m.keras")).saveWeightsOnly(true);
        assertThrows(IllegalArgumentException.class, () -> weights.onTrainBegin(Map.of()));
        ModelCheckpoint model = new ModelCheckpoint(dir.resolve("m.h5"));
        assertThrows(IllegalArgumentException.class, () -> model.onTrainBegin(Map.of()));
    }
}
