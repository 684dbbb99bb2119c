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
    /** Keys in first-use order, to drop the oldest: executors outlive fits, the driver's cleanup does not reach them. */
    private static final java.util.Deque<String> ORDER = new java.util.ArrayDeque<>();
    /** Models kept at most (a fit or predict older than this many others rebuilds its copies if it runs again). */
    static final int MAX_KEYS = 16;

    private Workers() {}

    /** A cached copy for {@code key}, or a new one from {@code make}. */
    @SuppressWarnings("unchecked")
    static <T> T borrow(String key, Supplier<T> make) {
        Queue<Object> q = POOLS.get(key);
        if (q == null) {
            synchronized (ORDER) {
                q = POOLS.computeIfAbsent(key, k -> {
                    ORDER.addLast(k);
                    return new ConcurrentLinkedQueue<>();
                });
                while (ORDER.size() > MAX_KEYS) POOLS.remove(ORDER.removeFirst());
            }
        }
        Object o = q.poll();
        if (o != null) return (T) o;
        synchronized (Workers.class) { // layer name counters are global
            return make.get();
        }
    }

    static void giveBack(String key, Object copy) {
        Queue<Object> q = POOLS.get(key);
        if (q != null) q.add(copy); // else evicted meanwhile: let the copy go
    }

    /** Drops the copies of a finished fit (on the driver's JVM; an executor's go with it). */
    static void forget(String idPrefix) {
        synchronized (ORDER) {
            POOLS.keySet().removeIf(k -> k.startsWith(idPrefix));
            ORDER.removeIf(k -> k.startsWith(idPrefix));
        }
    }
}
