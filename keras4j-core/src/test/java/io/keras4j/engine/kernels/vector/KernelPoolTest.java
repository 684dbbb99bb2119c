package io.keras4j.engine.kernels.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The pool runs every part of every call exactly once, whether a worker runs it or the caller
 * takes it back, and a failure in any part reaches the caller.
 */
class KernelPoolTest {

    @Test
    void everyPartRunsExactlyOnce() {
        int parts = KernelPool.THREADS;
        AtomicIntegerArray counts = new AtomicIntegerArray(parts);
        int calls = 20_000;
        for (int c = 0; c < calls; c++) {
            KernelPool.run((part, of) -> {
                assertEquals(parts, of);
                counts.incrementAndGet(part);
                if (part == 0 && (System.nanoTime() & 1) == 0) Thread.onSpinWait(); // vary who finishes first
            }, parts);
        }
        int[] got = new int[parts], want = new int[parts];
        for (int i = 0; i < parts; i++) {
            got[i] = counts.get(i);
            want[i] = calls;
        }
        assertArrayEquals(want, got);
    }

    @Test
    void aFailingPartReachesTheCaller() {
        int parts = KernelPool.THREADS;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelPool.run((part, of) -> {
            if (part == of - 1) throw new IllegalStateException("part " + part);
        }, parts));
        assertEquals("part " + (parts - 1), e.getMessage());
        KernelPool.run((part, of) -> { }, parts); // and the pool still works
    }
}
