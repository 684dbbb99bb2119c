package io.keras4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keras4j.NDArray;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keras4j-convert on a real Keras 2.3.1 model of the conformance suite: the .keras it writes predicts as the .h5 does. */
class Keras4jConvertTest {
    static final Path LEGACY = Path.of("../keras4j-core/src/test/resources/keras-compat/legacy-h5/simple_sparse_xent/"
            + "simple_sparse_xent_mlp_keras_2_model.h5");

    @TempDir
    Path dir;

    @Test
    void convertsALegacyH5ToKeras3() {
        Path out = dir.resolve("out.keras");
        assertEquals(0, Keras4jConvert.run(new String[] {LEGACY.toString(), out.toString()}));
        Model before = Models.loadModel(LEGACY), after = Models.loadModel(out);
        NDArray x = NDArray.of(new float[] {0.1f, -0.2f, 0.3f, 0.4f, 1, 2, 3, 4}, 2, 4);
        assertArrayEquals(before.predict(x).toFloatArray(), after.predict(x).toFloatArray(), 0f);
        assertEquals(before.getWeights(), after.getWeights());
    }

    @Test
    void usageAndBadInputs() throws Exception {
        assertEquals(2, Keras4jConvert.run(new String[] {"only-one"}));
        assertEquals(2, Keras4jConvert.run(new String[] {LEGACY.toString(), dir.resolve("x.h5").toString()}));
        Path junk = dir.resolve("junk.h5");
        Files.write(junk, new byte[] {1, 2, 3});
        assertEquals(1, Keras4jConvert.run(new String[] {junk.toString(), dir.resolve("o.keras").toString()}));
        assertEquals(1, Keras4jConvert.run(new String[] {dir.resolve("missing.h5").toString(), dir.resolve("o.keras").toString()}));
    }
}
