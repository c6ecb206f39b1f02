package dev.plumbline.engines.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed set of threads that run one data-parallel job at a time: {@link #run} calls
 * {@code body(part)} for every {@code part} in {@code [0, threads)}, part 0 on the calling thread,
 * and returns when all parts are done.
 *
 * <p>Why not an {@code ExecutorService}: a forward pass makes dozens of short kernel calls in a row,
 * and submitting futures costs allocation and a park/unpark per task. Here workers spin briefly
 * after each job (the next kernel call usually arrives within microseconds) and park only when idle
 * longer, so the fork/join cost stays a few microseconds without burning a core between requests.
 * Only one thread may call {@link #run} at a time, as {@link Kernels} promises. Public so that
 * backends in other modules ({@code ffm-bindings}) share it: one place decides threads.
 */
public final class WorkerPool implements AutoCloseable {
    /**
     * Spin iterations before a waiting thread parks: a few tens of microseconds, long enough to
     * catch the next kernel call of a forward pass, short enough not to starve other processes on
     * a busy machine (or our own threads when there are more of them than cores).
     */
    private static final int SPINS = 2_000;

    private final int threads;
    private final Thread[] workers;
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile IntConsumer job;
    private volatile Thread caller;
    private volatile Throwable failure;
    private volatile boolean closed;

    /**
     * @param threads total parallelism including the calling thread; at least 1
     * @param name    prefix of the worker thread names
     */
    public WorkerPool(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            int part = i + 1;
            Thread t = new Thread(() -> workLoop(part), name + "-" + part);
            t.setDaemon(true);
            workers[i] = t;
            t.start();
        }
    }

    /** Total parallelism, the calling thread included. */
    public int threads() {
        return threads;
    }

    /** Runs {@code body} for every part and waits; rethrows the first failure of any part. */
    public void run(IntConsumer body) {
        if (closed) {
            throw new IllegalStateException("kernel backend is closed; create a new one");
        }
        if (threads == 1) {
            body.accept(0);
            return;
        }
        caller = Thread.currentThread();
        failure = null;
        job = body;
        pending.set(workers.length);
        generation.incrementAndGet();
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        try {
            body.accept(0);
        } catch (Throwable t) {
            recordFailure(t);
        }
        int spins = 0;
        while (pending.get() != 0) {
            if (spins < SPINS) {
                spins++;
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        job = null;
        Throwable t = failure;
        if (t != null) {
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException("kernel worker failed", t);
        }
    }

    private void workLoop(int part) {
        int seen = 0;
        int spins = 0;
        while (!closed) {
            int g = generation.get();
            if (g == seen) {
                if (spins < SPINS) {
                    spins++;
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
                continue;
            }
            seen = g;
            spins = 0;
            try {
                job.accept(part);
            } catch (Throwable t) {
                recordFailure(t);
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    private synchronized void recordFailure(Throwable t) {
        if (failure == null) {
            failure = t;
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}
