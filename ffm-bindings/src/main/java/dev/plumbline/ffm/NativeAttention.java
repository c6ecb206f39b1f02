package dev.plumbline.ffm;

import dev.plumbline.engines.kernels.WorkerPool;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Multi-head attention over one sequence in C, in both forms, for benchmarks and decoder-style
 * callers: {@link #fused} (FlashAttention-style, online softmax over streamed K/V blocks, memory
 * independent of the length; optionally causal) and {@link #naive} (the len × len scores of a
 * head materialized, then softmax, then P·V). Heads are shared by the threads; q, k, v, out are
 * {@code [len × heads·headDim]} row-major.
 */
public final class NativeAttention implements AutoCloseable {
    private final WorkerPool pool;

    /**
     * @param threads threads one call may use, at least 1
     * @throws IllegalStateException when the native library is unavailable (the message says why)
     */
    public NativeAttention(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        NativeLibrary.get();
        this.pool = new WorkerPool(threads, "plumbline-attention");
    }

    /** Fused attention; extra memory is a few tiles per thread, on the C stack. */
    public void fused(float[] q, float[] k, float[] v, float[] out, int len, int heads, int headDim, boolean causal) {
        check(q, k, v, out, len, heads, headDim);
        int stride = heads * headDim;
        AtomicInteger next = new AtomicInteger();
        pool.run(part -> {
            for (int h = next.getAndIncrement(); h < heads; h = next.getAndIncrement()) {
                PlumblineC.attentionF32(seg(q), seg(k), seg(v), seg(out), stride, len, h, h + 1, headDim, causal);
            }
        });
    }

    /** Whether the native library loads here (reason and fix when not). */
    public static dev.plumbline.engines.Availability availability() {
        return NativeLibrary.availability();
    }

    /** Bytes of tiles {@link #fused} keeps on the C stacks of the threads in use, whatever the length. */
    public long fusedScratchBytes(int heads, int headDim) {
        return Math.min(pool.threads(), heads) * PlumblineC.attentionFusedScratchBytes(headDim);
    }

    /** Bytes of scratch {@link #naive} holds at once: one len × len score matrix per thread. */
    public long naiveScratchBytes(int len, int heads) {
        return Math.min(pool.threads(), heads) * PlumblineC.attentionNaiveScratchFloats(len) * Float.BYTES;
    }

    /** Naive attention: each thread materializes the scores of one head at a time. */
    public void naive(float[] q, float[] k, float[] v, float[] out, int len, int heads, int headDim, boolean causal) {
        check(q, k, v, out, len, heads, headDim);
        int stride = heads * headDim;
        AtomicInteger next = new AtomicInteger();
        long scratchBytes = PlumblineC.attentionNaiveScratchFloats(len) * Float.BYTES;
        pool.run(part -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment scratch = null;
                for (int h = next.getAndIncrement(); h < heads; h = next.getAndIncrement()) {
                    if (scratch == null) {
                        scratch = arena.allocate(scratchBytes, 64);
                    }
                    PlumblineC.attentionNaiveF32(seg(q), seg(k), seg(v), seg(out), stride, len, h, h + 1, headDim,
                            causal, scratch);
                }
            }
        });
    }

    private static MemorySegment seg(float[] x) {
        return MemorySegment.ofArray(x);
    }

    private static void check(float[] q, float[] k, float[] v, float[] out, int len, int heads, int headDim) {
        if (len < 1 || heads < 1 || headDim < 1 || headDim > NativeKernels.MAX_HEAD_DIM) {
            throw new IllegalArgumentException("need len >= 1, heads >= 1 and 1 <= headDim <= "
                    + NativeKernels.MAX_HEAD_DIM + "; got " + len + ", " + heads + ", " + headDim);
        }
        long size = (long) len * heads * headDim;
        for (float[] x : new float[][] {q, k, v, out}) {
            if (x.length < size) {
                throw new IllegalArgumentException("q, k, v and out must hold len·heads·headDim = " + size
                        + " floats, one holds " + x.length);
            }
        }
    }

    /** Stops the threads. */
    @Override
    public void close() {
        pool.close();
    }
}
