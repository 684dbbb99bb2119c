package io.keras4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two-input example learns both heads: neither is learnable from one input alone. */
class TwoInputFunctionalTest {
    @Test
    void learnsTheDifferenceAndWhichIsLarger() {
        Map<String, Double> ev = TwoInputFunctional.run(1, 12, 0);
        // var(sum(a) - sum(b)) = 16; from one input alone the best MSE is 8 and the best guess of "larger" 50%
        assertTrue(ev.get("diff_loss") < 0.8, "diff mse " + ev);
        assertTrue(ev.get("larger_loss") < 0.35, "larger cross-entropy " + ev);
    }
}
