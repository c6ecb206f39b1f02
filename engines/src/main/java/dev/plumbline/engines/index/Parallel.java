package dev.plumbline.engines.index;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Runs the parts of one search on up to {@code threads} threads: part 0 on the calling thread,
 * the others on a shared pool of daemon threads. Why a shared cached pool and not one per call:
 * one-query-at-a-time benchmarks search thousands of times a second, and starting threads per call
 * would cost more than a binary scan of a small corpus.
 */
final class Parallel {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "plumbline-index-search");
        t.setDaemon(true);
        return t;
    });

    private Parallel() {
    }

    /** Calls {@code body(part)} for every part in {@code [0, parts)} and waits for all of them. */
    static void run(int parts, IntConsumer body) {
        if (parts <= 1) {
            body.accept(0);
            return;
        }
        List<Future<?>> others = new ArrayList<>(parts - 1);
        for (int p = 1; p < parts; p++) {
            int part = p;
            others.add(POOL.submit(() -> body.accept(part)));
        }
        RuntimeException failure = null;
        try {
            body.accept(0);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("search interrupted", e);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException("search failed: " + e.getCause(), e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** First element of range {@code part} of {@code parts} equal ranges over {@code [0, n)}. */
    static int split(int n, int parts, int part) {
        return (int) ((long) n * part / parts);
    }

    /** Checks the arguments every index's search shares. */
    static void checkSearch(float[][] queries, int k, int threads, int dim) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        for (float[] q : queries) {
            if (q.length != dim) {
                throw new IllegalArgumentException("query has " + q.length + " dimensions, index expects " + dim);
            }
        }
    }

    /** Checks build input: at least one vector, all of one dimension; returns the dimension. */
    static int checkVectors(float[][] vectors) {
        if (vectors.length == 0) {
            throw new IllegalArgumentException("cannot build an index over no vectors");
        }
        int dim = vectors[0].length;
        if (dim <= 0) {
            throw new IllegalArgumentException("dimension must be positive, got " + dim);
        }
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != dim) {
                throw new IllegalArgumentException("vector " + i + " has " + vectors[i].length
                        + " dimensions, vector 0 has " + dim);
            }
        }
        return dim;
    }
}
