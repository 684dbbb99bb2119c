package io.keras4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import io.keras4j.utils.Utils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keras 3's {@code CSVLogger}: Python's csv.excel dialect ({@code \r\n}), sorted keys, {@code NA}, append. */
class CSVLoggerTest {
    @TempDir Path dir;

    private static Sequential model() {
        Utils.setRandomSeed(12);
        Sequential m = new Sequential(new Dense(2, "softmax").inputDim(3));
        m.compile(new SGD().learningRate(0.1), "categorical_crossentropy", "accuracy");
        return m;
    }

    @Test
    void pythonFloatRepr() {
        // what Python 3.11 repr() prints for these doubles (checked with python3 -c "print(repr(v))")
        Map<Double, String> cases = Map.ofEntries(Map.entry(0.1, "0.1"), Map.entry(1e-5, "1e-05"), Map.entry(1e16, "1e+16"),
                Map.entry(1e15, "1000000000000000.0"), Map.entry(0.0001, "0.0001"), Map.entry(2.5e-7, "2.5e-07"),
                Map.entry(-3.0, "-3.0"), Map.entry(123456789.0, "123456789.0"), Map.entry(0.6931471824645996, "0.6931471824645996"),
                Map.entry(1.2345678901234567e20, "1.2345678901234567e+20"), Map.entry(100.0, "100.0"), Map.entry(0.0, "0.0"),
                Map.entry(Double.NaN, "nan"), Map.entry(Double.POSITIVE_INFINITY, "inf"), Map.entry(12.5, "12.5"));
        for (var e : cases.entrySet()) assertEquals(e.getValue(), CSVLogger.pyRepr(e.getKey()), "repr(" + e.getKey() + ")");
    }

    @Test
    void writesKerasColumnsAndAppends() throws Exception {
        Path f = dir.resolve("log.csv");
        NDArray x = NDArray.randn(10, 3), y = NDArray.of(new float[] {1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1}, 10, 2);
        var h = model().fit(x, y, new FitOptions().epochs(2).verbose(0).validationData(x, y).callbacks(new CSVLogger(f)));
        StringBuilder expected = new StringBuilder("epoch,accuracy,loss,val_accuracy,val_loss\r\n");
        for (int e = 0; e < 2; e++) {
            expected.append(e);
            for (String k : List.of("accuracy", "loss", "val_accuracy", "val_loss")) {
                expected.append(',').append(CSVLogger.pyRepr(h.history().get(k).get(e)));
            }
            expected.append("\r\n");
        }
        assertEquals(expected.toString(), Files.readString(f, StandardCharsets.UTF_8));
        // append: no second header
        var h2 = model().fit(x, y, new FitOptions().epochs(1).verbose(0).validationData(x, y).callbacks(new CSVLogger(f).append(true)));
        String[] lines = Files.readString(f, StandardCharsets.UTF_8).split("\r\n");
        assertEquals(4, lines.length);
        assertEquals("0," + CSVLogger.pyRepr(h2.history().get("accuracy").get(0)), lines[3].substring(0, lines[3].indexOf(',', 2)));
        // without append the file starts over
        model().fit(x, y, new FitOptions().epochs(1).verbose(0).callbacks(new CSVLogger(f).separator(";")));
        assertEquals("epoch;accuracy;loss;val_accuracy;val_loss", Files.readString(f).split("\r\n")[0],
                "no validation in the first epoch: val_ twins of every key are added");
        assertEquals(true, Files.readString(f).split("\r\n")[1].endsWith(";NA;NA"));
    }
}
