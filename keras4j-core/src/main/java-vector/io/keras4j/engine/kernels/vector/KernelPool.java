package io.keras4j.engine.kernels.vector;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The one shared pool the kernels run on: {@code threads - 1} daemon workers plus the calling
 * thread, owned by one caller at a time; concurrent callers that find it owned run their kernel on
 * their own thread (see {@link #run}). A call hands each worker a part index through volatile fields and waits until all are
 * done: no task objects, no queues, so a parallel kernel call allocates nothing.
 * {@code -Dkeras4j.threads=N} sets the thread count (default: available processors).
 *
 * <p>A worker that has not started its part when the caller has finished its own (descheduled
 * by the OS, or still waking up) loses it: the caller takes the part back and runs it, rather
 * than waiting milliseconds for a thread that is not running.
 */
final class KernelPool {
    /**
     * Work split in parts: {@code run(part, parts)} does part {@code part} of {@code parts}. Every
     * job computes each value of its result in a way that does not depend on {@code parts} (the
     * parts split whole outputs, or a sum into segments fixed by the shape whose partial sums the
     * caller adds in a fixed order), so results are the same bits with any thread count and
     * whether or not the pool was free.
     */
    interface Parts {
        void run(int part, int parts);
    }

    /**
     * How long a waiting thread spins before it parks. Waking a parked thread takes tens of
     * microseconds (more in a virtual machine), as long as a whole GEMM of the MLP's, and the
     * gaps between the kernels of a training step are shorter than this; as OpenMP runtimes do.
     */
    private static final long SPIN_NANOS = 2_000_000;
    static final int THREADS = Math.max(1, Integer.getInteger("keras4j.threads", Runtime.getRuntime().availableProcessors()));
    private static final Worker[] WORKERS = new Worker[THREADS - 1];

    static {
        for (int i = 0; i < WORKERS.length; i++) {
            WORKERS[i] = new Worker(i + 1);
            WORKERS[i].start();
        }
    }

    private KernelPool() {}

    /** Set while a caller owns the workers. */
    private static final AtomicBoolean BUSY = new AtomicBoolean();

    /**
     * Runs {@code job} in {@code parts} parts on the pool, or, when another caller owns the
     * workers, whole on the calling thread ({@code job.run(0, 1)}): a caller never waits for
     * another's kernel, so any number of concurrent callers (a server's request threads) neither
     * deadlock nor queue up, and the threads busy are the callers plus at most the pool's workers.
     * A job's result must not depend on how it is split (see {@link Parts}).
     */
    static void run(Parts job, int parts) {
        if (!tryRun(job, parts)) job.run(0, 1);
    }

    /**
     * Runs {@code job} in {@code parts <= THREADS} parts, the caller doing part 0, when no other
     * caller owns the workers; returns false at once, having run nothing, when one does.
     */
    static boolean tryRun(Parts job, int parts) {
        if (!BUSY.compareAndSet(false, true)) return false;
        try {
            runOwned(job, parts);
        } finally {
            BUSY.set(false);
        }
        return true;
    }

    private static void runOwned(Parts job, int parts) {
        int p = Math.min(parts, THREADS);
        Thread caller = Thread.currentThread();
        for (int i = 1; i < p; i++) WORKERS[i - 1].hand(job, p, caller);
        Throwable failure = runPart(job, 0, p, null);
        for (int i = 1; i < p; i++) {
            Worker w = WORKERS[i - 1];
            if (w.takeBack()) failure = runPart(job, i, p, failure);
            else if (failure == null) failure = w.await();
            else w.await();
        }
        if (failure instanceof RuntimeException) throw (RuntimeException) failure;
        if (failure instanceof Error) throw (Error) failure;
    }

    private static Throwable runPart(Parts job, int part, int parts, Throwable failure) {
        try {
            job.run(part, parts);
        } catch (Throwable t) {
            if (failure == null) return t;
        }
        return failure;
    }

    private static final class Worker extends Thread {
        private static final int IDLE = 0, HANDED = 1, RUNNING = 2, DONE = 3;
        private final int part;
        private final AtomicInteger state = new AtomicInteger(IDLE);
        private volatile Parts job;
        private volatile int parts;
        private volatile Thread caller;
        private volatile Throwable failure;

        Worker(int part) {
            super("keras4j-kernel-" + part);
            this.part = part;
            setDaemon(true);
        }

        void hand(Parts j, int p, Thread c) {
            parts = p;
            caller = c;
            failure = null;
            job = j;
            state.set(HANDED);
            LockSupport.unpark(this);
        }

        /** True when the worker had not started its part: the caller runs it instead. */
        boolean takeBack() {
            if (!state.compareAndSet(HANDED, IDLE)) return false;
            job = null;
            return true;
        }

        Throwable await() {
            long start = 0;
            for (int spin = 0; state.get() != DONE; spin++) {
                Thread.onSpinWait();
                if ((spin & 255) == 255) { // a part takes microseconds to milliseconds: spin, then sleep
                    long now = System.nanoTime();
                    if (start == 0) start = now;
                    else if (now - start > SPIN_NANOS) LockSupport.parkNanos(this, 100_000);
                }
            }
            Throwable t = failure;
            job = null;
            state.set(IDLE);
            return t;
        }

        @Override
        public void run() {
            while (true) {
                long start = 0;
                for (int spin = 0; state.get() != HANDED; spin++) {
                    Thread.onSpinWait();
                    if ((spin & 255) == 255) { // between the kernels of a training step: stay awake
                        long now = System.nanoTime();
                        if (start == 0) start = now;
                        else if (now - start > SPIN_NANOS) LockSupport.park(this);
                    }
                }
                if (!state.compareAndSet(HANDED, RUNNING)) continue; // taken back by the caller
                Parts j = job; // read after the claim: a taken-back hand may have been replaced
                try {
                    j.run(part, parts);
                } catch (Throwable t) {
                    failure = t;
                }
                state.set(DONE);
                LockSupport.unpark(caller);
            }
        }
    }
}
