package io.keras4j.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.models.FitOptions;
import io.keras4j.models.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 6: the kernel choice is one {@code System.Logger} record (here routed to
 * java.util.logging, the default backend) at DEBUG, so nothing prints by default; with
 * {@code verbose(0)} the library prints nothing at all.
 */
class KernelsLoggingTest {

    @Test
    void theChoiceIsOneDebugRecord() {
        Logger jul = Logger.getLogger("io.keras4j");
        List<LogRecord> records = new ArrayList<>();
        Handler h = new Handler() {
            @Override public void publish(LogRecord r) { records.add(r); }
            @Override public void flush() {}
            @Override public void close() {}
        };
        Level saved = jul.getLevel();
        jul.addHandler(h);
        jul.setLevel(Level.ALL);
        try {
            Kernels k = KernelsProvider.choose();
            assertEquals(1, records.size(), "one record");
            LogRecord r = records.get(0);
            assertEquals(Level.FINE, r.getLevel(), "System.Logger DEBUG is java.util.logging FINE: hidden by default");
            assertTrue(r.getMessage().contains("kernels") && !r.getMessage().contains("\n"), r.getMessage());
            assertTrue(r.getMessage().contains(k.name()) || r.getMessage().contains("scalar"), r.getMessage());
        } finally {
            jul.removeHandler(h);
            jul.setLevel(saved);
        }
    }

    @Test
    void verboseZeroPrintsNothing() {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Logger jul = Logger.getLogger("io.keras4j");
        List<LogRecord> shown = new ArrayList<>();
        Handler h = new Handler() {
            @Override public void publish(LogRecord r) { if (r.getLevel().intValue() >= Level.INFO.intValue()) shown.add(r); }
            @Override public void flush() {}
            @Override public void close() {}
        };
        jul.addHandler(h);
        try {
            System.setOut(new PrintStream(buf, true));
            System.setErr(new PrintStream(buf, true));
            KernelsProvider.choose();
            Sequential m = new Sequential(new Dense(3, "relu").inputDim(2), new Dense(1, "sigmoid"));
            m.compile("adam", "binary_crossentropy", "accuracy");
            NDArray x = NDArray.randn(40, 2);
            m.fit(x, NDArray.zeros(40, 1), new FitOptions().epochs(2).verbose(0).validationSplit(0.25));
            m.evaluate(x, NDArray.zeros(40, 1), 0);
            m.predict(x);
            m.predict(x, 8, 0);
        } finally {
            System.setOut(out);
            System.setErr(err);
            jul.removeHandler(h);
        }
        assertEquals("", buf.toString());
        assertEquals(List.of(), shown, "no log record at INFO or above");
    }
}
