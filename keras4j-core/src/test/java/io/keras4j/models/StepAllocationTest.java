package io.keras4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.opentest4j.AssertionFailedError;
import org.junit.jupiter.api.Test;

/**
 * The allocation tests' warm-up: it waits as many windows as allocating code needs (not a time
 * deadline), and still fails for a step that allocates every time.
 */
class StepAllocationTest {
    static volatile Object sink;

    @Test
    void anEpochThatAlwaysAllocatesFailsAfterTheCap() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> StepAllocation.assertNone(() -> sink = new float[8]));
        assertTrue(e.getMessage().contains("after " + StepAllocation.MAX_WINDOWS + " windows"), e.getMessage());
    }

    @Test
    void anEpochThatStopsAllocatingPassesHoweverLongThatTakes() {
        // allocates in its first 300 windows' epochs (more than the old minimum of 60 windows), as
        // code waiting for C2 does, then never again
        int[] calls = {0};
        int windows = StepAllocation.assertNone(() -> {
            if (calls[0]++ < 300 * StepAllocation.WINDOW) sink = new float[8];
        });
        assertEquals(301, windows);
    }

    @Test
    void anEpochThatNeverAllocatesPassesAtOnce() {
        int[] calls = {0};
        assertEquals(1, StepAllocation.assertNone(() -> calls[0]++));
    }
}
