package io.keras4j.engine.kernels.vector;

import java.util.concurrent.locks.LockSupport;

/**
 * The one shared pool the kernels run on: {@code threads - 1} daemon workers plus the calling
 * thread. A call hands each worker a part index through volatile fields and parks until all are
 * done: no task objects, no queues, so a parallel kernel call allocates nothing.
 * {@code -Dkeras4j.threads=N} sets the thread count (default: available processors).
 */
final class KernelPool {
    /** Work split in parts: {@code run(part, parts)} does part {@code part} of {@code parts}. */
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

    /** Runs {@code job} in {@code parts <= THREADS} parts, the caller doing part 0. One call at a time. */
    static synchronized void run(Parts job, int parts) {
        int p = Math.min(parts, THREADS);
        Thread caller = Thread.currentThread();
        for (int i = 1; i < p; i++) WORKERS[i - 1].hand(job, p, caller);
        Throwable failure = null;
        try {
            job.run(0, p);
        } catch (Throwable t) {
            failure = t;
        }
        for (int i = 1; i < p; i++) {
            Throwable t = WORKERS[i - 1].await();
            if (failure == null) failure = t;
        }
        if (failure instanceof RuntimeException) throw (RuntimeException) failure;
        if (failure instanceof Error) throw (Error) failure;
    }

    private static final class Worker extends Thread {
        private final int part;
        private volatile Parts job;
        private volatile int parts;
        private volatile Thread caller;
        private volatile boolean done = true;
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
            done = false;
            job = j;
            LockSupport.unpark(this);
        }

        Throwable await() {
            long start = 0;
            for (int spin = 0; !done; spin++) {
                Thread.onSpinWait();
                if ((spin & 255) == 255) { // a part takes microseconds to milliseconds: spin, then sleep
                    long now = System.nanoTime();
                    if (start == 0) start = now;
                    else if (now - start > SPIN_NANOS) LockSupport.parkNanos(this, 100_000);
                }
            }
            return failure;
        }

        @Override
        public void run() {
            while (true) {
                Parts j;
                long start = 0;
                for (int spin = 0; (j = job) == null; spin++) {
                    Thread.onSpinWait();
                    if ((spin & 255) == 255) { // between the kernels of a training step: stay awake
                        long now = System.nanoTime();
                        if (start == 0) start = now;
                        else if (now - start > SPIN_NANOS) LockSupport.park(this);
                    }
                }
                try {
                    j.run(part, parts);
                } catch (Throwable t) {
                    failure = t;
                }
                job = null;
                done = true;
                LockSupport.unpark(caller);
            }
        }
    }
}
