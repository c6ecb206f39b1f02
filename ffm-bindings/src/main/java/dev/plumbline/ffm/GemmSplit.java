package dev.plumbline.ffm;

import dev.plumbline.engines.kernels.WorkerPool;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How one GEMM call is shared by a backend's threads, for every native GEMM (FP32 and int8):
 * few rows → threads take column panels (each reads all of A and a slice of W); many rows →
 * threads take row chunks from a shared counter (each streams all of W, so chunks are large).
 * The C kernels compute every element the same way whatever its partition, so the split never
 * changes a bit; it only decides speed.
 */
final class GemmSplit {
    /** Below this many multiply-adds the calling thread does it all: forking costs more (~5 µs). */
    static final long PARALLEL_MIN_MACS = 1L << 18;
    /** Below this many rows per thread, threads split the columns instead. */
    static final int COLUMN_SPLIT_ROWS_PER_THREAD = 96;
    /** Row chunks per thread: enough to balance, few enough that W is not streamed too often. */
    static final int CHUNKS_PER_THREAD = 4;
    /** Row chunks are multiples of this (the micro-kernels' tile heights divide it). */
    static final int ROW_QUANTUM = 48;

    /** One partition: rows {@code [row, row + rows)}, columns {@code [colFrom, colTo)}. */
    interface Part {
        void run(int row, int rows, int colFrom, int colTo);
    }

    private GemmSplit() {
    }

    /**
     * Runs {@code part} over a partition of {@code m × n} outputs on {@code pool}.
     *
     * @param panel the kernel's column panel width; column splits fall on its multiples
     */
    static void run(WorkerPool pool, int m, int k, int n, int panel, Part part) {
        if (m == 0) {
            return;
        }
        int threads = pool.threads();
        if (threads == 1 || (long) m * k * n < PARALLEL_MIN_MACS) {
            part.run(0, m, 0, n);
            return;
        }
        int panels = ceilDiv(n, panel);
        if (m < threads * COLUMN_SPLIT_ROWS_PER_THREAD && panels >= threads) {
            pool.run(t -> {
                int p0 = (int) ((long) panels * t / threads);
                int p1 = (int) ((long) panels * (t + 1) / threads);
                if (p0 < p1) {
                    part.run(0, m, p0 * panel, Math.min(n, p1 * panel));
                }
            });
            return;
        }
        int chunk = Math.max(ROW_QUANTUM, ceilDiv(ceilDiv(m, threads * CHUNKS_PER_THREAD), ROW_QUANTUM) * ROW_QUANTUM);
        int chunks = ceilDiv(m, chunk);
        AtomicInteger next = new AtomicInteger();
        pool.run(t -> {
            for (int i = next.getAndIncrement(); i < chunks; i = next.getAndIncrement()) {
                int row = i * chunk;
                part.run(row, Math.min(chunk, m - row), 0, n);
            }
        });
    }

    /** A row range {@code [from, to)}. */
    interface Rows {
        void run(int from, int to);
    }

    /**
     * Runs a row-wise operation of {@code m × k} elements (activation quantization) over the pool
     * in one contiguous range per thread; small ones on the calling thread. Rows are independent,
     * so the split never changes a bit. At 2 threads the quantizers were otherwise the serial part
     * of every quantized GEMM call.
     */
    static void rows(WorkerPool pool, int m, int k, Rows part) {
        int threads = pool.threads();
        if (threads == 1 || (long) m * k < PARALLEL_MIN_MACS || m < threads) {
            part.run(0, m);
            return;
        }
        pool.run(t -> {
            int from = (int) ((long) m * t / threads);
            int to = (int) ((long) m * (t + 1) / threads);
            if (from < to) {
                part.run(from, to);
            }
        });
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
