package dev.plumbline.ffm;

import dev.plumbline.engines.kernels.WorkerPool;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * What the native integer GEMMs ({@link NativeInt8Gemm}, {@link NativeInt4Gemm}) share: the
 * worker threads, the arena that holds packed weights off the heap and its byte count, closing,
 * and the slices of Java arrays handed to the C kernels.
 */
abstract class NativeQuantizedGemm implements AutoCloseable {
    /** The threads one call may use. */
    final WorkerPool pool;
    private final Arena arena = Arena.ofShared();
    private long offHeapBytes;

    /** Weights in a C kernel's layout, off the heap (counted by {@link #offHeapBytes()}). */
    abstract static class Weights {
        final int k;
        final int n;
        final MemorySegment data;

        Weights(int k, int n, MemorySegment data) {
            this.k = k;
            this.n = n;
            this.data = data;
        }

        /** Rows of the original matrix. */
        public int k() {
            return k;
        }

        /** Columns of the original matrix. */
        public int n() {
            return n;
        }

        /** Nothing on the heap: the packed weights live off-heap, counted by the GEMM's offHeapBytes(). */
        public long heapBytes() {
            return 0;
        }
    }

    /**
     * @param threads    threads one call may use, at least 1
     * @param threadName name of the worker threads
     * @throws IllegalStateException when the native library is unavailable (the message says why)
     */
    NativeQuantizedGemm(int threads, String threadName) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        NativeLibrary.get();
        this.pool = new WorkerPool(threads, threadName);
    }

    /** Exact bytes of packed weights held off the heap. */
    public synchronized long offHeapBytes() {
        return offHeapBytes;
    }

    /** {@code bytes} of 64-byte aligned off-heap memory for packed weights, counted until {@link #close()}. */
    final synchronized MemorySegment allocate(long bytes) {
        MemorySegment data = arena.allocate(bytes, 64);
        offHeapBytes += bytes;
        return data;
    }

    /**
     * {@code packed} as this GEMM's {@code type}.
     *
     * @throws IllegalArgumentException when another GEMM ({@code what} names this one) packed it
     */
    static <P> P own(Object packed, Class<P> type, String what) {
        if (!type.isInstance(packed)) {
            throw new IllegalArgumentException("matrix was packed by another " + what + " ("
                    + packed.getClass().getSimpleName() + "); pack it with this one");
        }
        return type.cast(packed);
    }

    /** @throws IllegalStateException naming {@code what} once the GEMM is closed */
    final void checkOpen(String what) {
        if (!arena.scope().isAlive()) {
            throw new IllegalStateException(what + " is closed");
        }
    }

    /** Stops the threads and frees the packed weights. */
    @Override
    public synchronized void close() {
        if (arena.scope().isAlive()) {
            pool.close();
            arena.close();
            offHeapBytes = 0;
        }
    }

    /** Bytes {@code [from, from + count)} of {@code x}. */
    static MemorySegment bytes(byte[] x, long from, long count) {
        return MemorySegment.ofArray(x).asSlice(from, count);
    }

    /** Ints {@code [from, from + count)} of {@code x}. */
    static MemorySegment ints(int[] x, long from, long count) {
        return MemorySegment.ofArray(x).asSlice(from * Integer.BYTES, count * Integer.BYTES);
    }

    /** Floats {@code [from, from + count)} of {@code x}. */
    static MemorySegment floats(float[] x, long from, long count) {
        return MemorySegment.ofArray(x).asSlice(from * Float.BYTES, count * Float.BYTES);
    }
}
