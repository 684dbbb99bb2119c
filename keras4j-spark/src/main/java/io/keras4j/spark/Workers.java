package io.keras4j.spark;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * The executor side's cache of model copies, per {@link ModelSpec#id} and use: a task borrows a
 * copy and gives it back, so each executor builds its copies once per {@code fit} or
 * {@code predict} (one per task running at the same time, since a copy's buffers serve one call
 * at a time) and reuses them across tasks and steps.
 */
final class Workers {
    private static final Map<String, Queue<Object>> POOLS = new ConcurrentHashMap<>();

    private Workers() {}

    /** A cached copy for {@code key}, or a new one from {@code make}. */
    @SuppressWarnings("unchecked")
    static <T> T borrow(String key, Supplier<T> make) {
        Object o = POOLS.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
        if (o != null) return (T) o;
        synchronized (Workers.class) { // layer name counters are global
            return make.get();
        }
    }

    static void giveBack(String key, Object copy) {
        POOLS.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(copy);
    }

    /** Drops the copies of a finished fit (on the driver's JVM; an executor's go with it). */
    static void forget(String idPrefix) {
        POOLS.keySet().removeIf(k -> k.startsWith(idPrefix));
    }
}
