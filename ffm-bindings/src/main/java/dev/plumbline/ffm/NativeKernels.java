package dev.plumbline.ffm;

import dev.plumbline.engines.kernels.KernelArgs;
import dev.plumbline.engines.kernels.Kernels;
import dev.plumbline.engines.kernels.WorkerPool;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A kernel backend on the native C library: GEMM by a {@link Gemm} (the project's own or
 * OpenBLAS), attention, layer norm and GELU by the C kernels. The Java side owns the threads: it
 * partitions each call over the {@link WorkerPool} and every partition is one single-threaded
 * downcall, so {@code threads} means what it means for {@code simd}. Weights live off the heap in
 * this backend's arena (counted exactly in {@link #offHeapBytes()}); activations are read and
 * written in place on the Java heap through critical downcalls, so nothing is copied per call.
 * Arguments are checked by {@link KernelArgs} before any downcall.
 */
final class NativeKernels implements Kernels {
    /** Largest head size the C attention kernel takes (its tiles live on the stack). */
    static final int MAX_HEAD_DIM = 256;
    /** Below this many elements GELU runs on the calling thread. */
    private static final int PARALLEL_GELU_MIN = 1 << 15;
    /** Below this many elements layer norm runs on the calling thread. */
    private static final int PARALLEL_LAYER_NORM_MIN = 1 << 17;

    private final String name;
    private final Gemm gemm;
    private final WorkerPool pool;
    private final Arena arena = Arena.ofShared();
    private long offHeapBytes;
    private boolean closed;

    NativeKernels(String name, Gemm gemm, int threads) {
        this.name = name;
        this.gemm = gemm;
        this.pool = new WorkerPool(threads, "plumbline-" + name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return name + " kernels (" + PlumblineC.isaActive().label() + ", " + gemm.describe() + ")";
    }

    @Override
    public int threads() {
        return pool.threads();
    }

    @Override
    public boolean batchInvariant() {
        return gemm.batchInvariant();
    }

    WorkerPool pool() {
        return pool;
    }

    @Override
    public synchronized long offHeapBytes() {
        return offHeapBytes;
    }

    @Override
    public PackedMatrix pack(float[] w, int k, int n) {
        KernelArgs.pack(w, k, n);
        ensureOpen();
        Gemm.OffHeap p = gemm.pack(arena, w, k, n);
        synchronized (this) {
            offHeapBytes += p.data().byteSize();
        }
        return p;
    }

    @Override
    public void gemm(float[] a, int m, PackedMatrix w, float[] bias, float[] c) {
        KernelArgs.gemm(a, m, w, bias, c);
        ensureOpen();
        gemm.multiply(this, a, m, w, bias, c, false);
    }

    @Override
    public void gemmGelu(float[] a, int m, PackedMatrix w, float[] bias, float[] c) {
        KernelArgs.gemm(a, m, w, bias, c);
        ensureOpen();
        gemm.multiply(this, a, m, w, bias, c, true);
    }

    @Override
    public void attention(float[] q, float[] k, float[] v, int[] offsets, int[] lengths, int heads, int headDim,
                          float[] out) {
        KernelArgs.attention(q, k, v, offsets, lengths, heads, headDim, out);
        if (headDim > MAX_HEAD_DIM) {
            throw new IllegalArgumentException("the native attention kernel takes headDim <= " + MAX_HEAD_DIM
                    + ", got " + headDim + "; use the simd backend for larger heads");
        }
        ensureOpen();
        int stride = heads * headDim;
        int tasks = offsets.length * heads;
        AtomicInteger next = new AtomicInteger();
        // (sequence, head) pairs handed out dynamically, as lengths differ; one downcall each.
        pool.run(part -> {
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                int s = t / heads;
                int h = t % heads;
                long from = (long) offsets[s] * stride * Float.BYTES;
                long size = (long) lengths[s] * stride * Float.BYTES;
                PlumblineC.attentionF32(slice(q, from, size), slice(k, from, size), slice(v, from, size),
                        slice(out, from, size), stride, lengths[s], h, h + 1, headDim, false);
            }
        });
    }

    private static MemorySegment slice(float[] x, long from, long size) {
        return MemorySegment.ofArray(x).asSlice(from, size);
    }

    @Override
    public void addLayerNorm(float[] x, float[] residual, int rows, int cols, float[] gamma, float[] beta,
                             float epsilon) {
        KernelArgs.addLayerNorm(x, residual, rows, cols, gamma, beta, epsilon);
        ensureOpen();
        if (rows == 0) {
            return;
        }
        int threads = pool.threads();
        if ((long) rows * cols < PARALLEL_LAYER_NORM_MIN || threads == 1) {
            layerNormRows(x, residual, 0, rows, cols, gamma, beta, epsilon);
            return;
        }
        pool.run(part -> layerNormRows(x, residual, (int) ((long) rows * part / threads),
                (int) ((long) rows * (part + 1) / threads), cols, gamma, beta, epsilon));
    }

    private static void layerNormRows(float[] x, float[] residual, int from, int to, int cols, float[] gamma,
                                      float[] beta, float epsilon) {
        if (from == to) {
            return;
        }
        long off = (long) from * cols * Float.BYTES;
        long size = (long) (to - from) * cols * Float.BYTES;
        PlumblineC.addLayerNormF32(slice(x, off, size), residual == null ? MemorySegment.NULL : slice(residual, off, size),
                to - from, cols, MemorySegment.ofArray(gamma), MemorySegment.ofArray(beta), epsilon);
    }

    @Override
    public void gelu(float[] x, int n) {
        KernelArgs.gelu(x, n);
        ensureOpen();
        geluParallel(x, n);
    }

    /** GELU over {@code x[0, n)} on the pool; arguments already checked (also OpenBLAS's epilogue). */
    void geluParallel(float[] x, int n) {
        int threads = pool.threads();
        if (n < PARALLEL_GELU_MIN || threads == 1) {
            geluRange(x, 0, n);
            return;
        }
        // Split on 64-float boundaries so each part's vector loop starts aligned to the same lanes.
        int blocks = (n + 63) / 64;
        pool.run(part -> geluRange(x, (int) Math.min(n, (long) blocks * part / threads * 64),
                (int) Math.min(n, (long) blocks * (part + 1) / threads * 64)));
    }

    private static void geluRange(float[] x, int from, int to) {
        if (from < to) {
            PlumblineC.geluF32(slice(x, (long) from * Float.BYTES, (long) (to - from) * Float.BYTES), to - from);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(name + " kernel backend is closed; create a new one");
        }
    }

    /** Stops the threads and frees every packed matrix; matrices packed by this backend are invalid after. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            pool.close();
            arena.close();
            offHeapBytes = 0;
        }
    }
}
