package io.keras4j.models;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The inference plans of one model ({@code predict} and {@code evaluate}), so that callers on
 * several threads never share activation buffers: each call takes a plan of its own from the
 * pool and gives it back after. No lock: a plan is taken and returned with one compare-and-set
 * on a slot of its bucket.
 *
 * <p>Plans are kept in buckets by mode, target shape and capacity, the capacity rounded up to a
 * power of two (a call of 7 rows runs on a plan of 8; results depend on the rows, never on the
 * capacity), so calls of every size from 1 to 1,024 rows share 11 buckets. A caller that finds
 * its bucket empty builds a plan; a bucket keeps at most {@link #IDLE} plans between calls and
 * lets the rest go to the garbage collector. Memory is thus bounded by the plans in use (one per
 * concurrent caller) plus {@code IDLE} per bucket in use; {@link Sequential} drops the whole
 * pool when the model changes (a layer added, a new loss).
 */
final class ExecutablePool {
    /** Plans a bucket keeps between calls: enough for a server's concurrent callers on most machines. */
    static final int IDLE = Math.max(8, 2 * Runtime.getRuntime().availableProcessors());

    /** Builds a plan of a mode, capacity and target shape (null for predict). */
    interface Builder {
        Executable build(Executable.Mode mode, int capacity, int[] yRowShape);
    }

    private record Key(Executable.Mode mode, int capacity, String yRowShape) {}

    private final Builder builder;
    private final ConcurrentHashMap<Key, AtomicReferenceArray<Executable>> buckets = new ConcurrentHashMap<>();
    /** The predict buckets by log2 of the capacity, found without a map look-up (a single-sample predict takes microseconds). */
    private final AtomicReferenceArray<AtomicReferenceArray<Executable>> predict = new AtomicReferenceArray<>(32);

    ExecutablePool(Builder builder) {
        this.builder = builder;
    }

    /** The smallest power of two holding {@code rows} samples. */
    static int capacityFor(int rows) {
        if (rows < 1) throw new IllegalArgumentException("a plan needs at least one sample, got " + rows);
        return rows == 1 ? 1 : Integer.highestOneBit(rows - 1) << 1;
    }

    /** A plan for calls of up to {@code rows} samples, for this caller alone until {@link #release}. */
    Executable acquire(Executable.Mode mode, int rows, int[] yRowShape) {
        int capacity = capacityFor(rows);
        AtomicReferenceArray<Executable> slots;
        if (mode == Executable.Mode.PREDICT) {
            int log = Integer.numberOfTrailingZeros(capacity);
            slots = predict.get(log);
            if (slots == null) {
                Key key = new Key(mode, capacity, "");
                predict.compareAndSet(log, null, buckets.computeIfAbsent(key, k -> new AtomicReferenceArray<>(IDLE)));
                slots = predict.get(log);
            }
        } else {
            Key key = new Key(mode, capacity, yRowShape == null ? "" : Arrays.toString(yRowShape));
            slots = buckets.computeIfAbsent(key, k -> new AtomicReferenceArray<>(IDLE));
        }
        for (int i = 0; i < IDLE; i++) {
            Executable e = slots.get(i);
            if (e != null && slots.compareAndSet(i, e, null)) return e;
        }
        Executable e = builder.build(mode, capacity, yRowShape);
        e.slots = slots;
        return e;
    }

    /** Gives a plan back to its bucket, or to the garbage collector when the bucket is full. */
    static void release(Executable e) {
        AtomicReferenceArray<Executable> slots = e.slots;
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) == null && slots.compareAndSet(i, null, e)) return;
        }
    }

    /** Plans kept between calls, over all buckets (for tests of the memory bound). */
    int idle() {
        int n = 0;
        for (AtomicReferenceArray<Executable> slots : buckets.values()) {
            for (int i = 0; i < slots.length(); i++) if (slots.get(i) != null) n++;
        }
        return n;
    }
}
