package dev.plumbline.engines.kernels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Kernels} that times every call of the backend it wraps, so a benchmark can say where an
 * encoder's time goes (which GEMM shape, attention, LayerNorm) instead of guessing. Timing adds
 * two {@code System.nanoTime()} calls per kernel call, far below a kernel's cost at encoder
 * sizes. Buffer calls are timed up to {@link Kernels#synchronize()}, so a GPU backend's queued
 * work is counted in the op that queued it (profiling then removes the overlap of launch and
 * compute, which is the point). Not thread-safe; the encoder calls its kernels from one thread.
 */
public final class ProfilingKernels implements Kernels {

    /** What one kind of call cost in all: calls, nanoseconds, floating-point operations. */
    public record Entry(String op, long calls, long nanos, double flops) {
        /** GFLOPS over the time spent in this kind of call; NaN for ops without a FLOP count. */
        public double gflops() {
            return flops > 0 && nanos > 0 ? flops / nanos : Double.NaN;
        }
    }

    private static final class Acc {
        long calls;
        long nanos;
        double flops;
    }

    private final Kernels inner;
    private final Map<String, Acc> byOp = new LinkedHashMap<>();

    /** Wraps {@code inner}; closing this closes it. */
    public ProfilingKernels(Kernels inner) {
        this.inner = inner;
    }

    /** The totals so far, in the order the ops were first called. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        byOp.forEach((op, a) -> out.add(new Entry(op, a.calls, a.nanos, a.flops)));
        return out;
    }

    /** Forgets the totals (after a warm-up). */
    public void reset() {
        byOp.clear();
    }

    private void record(String op, long start, double flops) {
        long elapsed = System.nanoTime() - start;
        Acc a = byOp.computeIfAbsent(op, o -> new Acc());
        a.calls++;
        a.nanos += elapsed;
        a.flops += flops;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public int threads() {
        return inner.threads();
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public boolean batchInvariant() {
        return inner.batchInvariant();
    }

    @Override
    public long offHeapBytes() {
        return inner.offHeapBytes();
    }

    @Override
    public PackedMatrix pack(float[] w, int k, int n) {
        return inner.pack(w, k, n);
    }

    @Override
    public void gemm(float[] a, int m, PackedMatrix w, float[] bias, float[] c) {
        long start = System.nanoTime();
        inner.gemm(a, m, w, bias, c);
        record("gemm " + w.k() + "x" + w.n(), start, 2.0 * m * w.k() * w.n());
    }

    @Override
    public void gemmGelu(float[] a, int m, PackedMatrix w, float[] bias, float[] c) {
        long start = System.nanoTime();
        inner.gemmGelu(a, m, w, bias, c);
        record("gemm+gelu " + w.k() + "x" + w.n(), start, 2.0 * m * w.k() * w.n());
    }

    @Override
    public void attention(float[] q, float[] k, float[] v, int[] offsets, int[] lengths, int heads, int headDim,
                          float[] out) {
        long start = System.nanoTime();
        inner.attention(q, k, v, offsets, lengths, heads, headDim, out);
        record("attention d=" + headDim, start, attentionFlops(lengths, heads, headDim));
    }

    private static double attentionFlops(int[] lengths, int heads, int headDim) {
        double flops = 0;
        for (int len : lengths) {
            flops += 4.0 * len * len * heads * headDim; // QKᵀ and PV, 2 FLOPs per multiply-add each
        }
        return flops;
    }

    @Override
    public void addLayerNorm(float[] x, float[] residual, int rows, int cols, float[] gamma, float[] beta,
                             float epsilon) {
        long start = System.nanoTime();
        inner.addLayerNorm(x, residual, rows, cols, gamma, beta, epsilon);
        record(residual == null ? "layernorm" : "add+layernorm", start, 0);
    }

    @Override
    public void gelu(float[] x, int n) {
        long start = System.nanoTime();
        inner.gelu(x, n);
        record("gelu", start, 0);
    }

    @Override
    public String numerics() {
        return inner.numerics();
    }

    @Override
    public long scratchBytes() {
        return inner.scratchBytes();
    }

    @Override
    public void beginBatch(int[] offsets, int[] lengths) {
        inner.beginBatch(offsets, lengths);
    }

    @Override
    public PackedMatrix packQuantized(byte[] codes, float[] scales, int k, int n) {
        return inner.packQuantized(codes, scales, k, n);
    }

    @Override
    public EmbeddingTable packEmbeddings(float[] table, int rows, int cols) {
        return inner.packEmbeddings(table, rows, cols);
    }

    @Override
    public Buffer allocate(int floats) {
        return inner.allocate(floats);
    }

    @Override
    public Buffer constant(float[] values) {
        return inner.constant(values);
    }

    @Override
    public void upload(float[] src, int count, Buffer dst) {
        long start = System.nanoTime();
        inner.upload(src, count, dst);
        record("upload", start, 0);
    }

    @Override
    public void download(Buffer src, int count, float[] dst) {
        long start = System.nanoTime();
        inner.download(src, count, dst);
        record("download", start, 0);
    }

    @Override
    public void gemm(Buffer a, int m, PackedMatrix w, Buffer bias, Buffer c) {
        long start = System.nanoTime();
        inner.gemm(a, m, w, bias, c);
        inner.synchronize();
        record("gemm " + w.k() + "x" + w.n(), start, 2.0 * m * w.k() * w.n());
    }

    @Override
    public void gemmGelu(Buffer a, int m, PackedMatrix w, Buffer bias, Buffer c) {
        long start = System.nanoTime();
        inner.gemmGelu(a, m, w, bias, c);
        inner.synchronize();
        record("gemm+gelu " + w.k() + "x" + w.n(), start, 2.0 * m * w.k() * w.n());
    }

    @Override
    public void attention(Buffer q, Buffer k, Buffer v, int[] offsets, int[] lengths, int heads, int headDim,
                          Buffer out) {
        long start = System.nanoTime();
        inner.attention(q, k, v, offsets, lengths, heads, headDim, out);
        inner.synchronize();
        record("attention d=" + headDim, start, attentionFlops(lengths, heads, headDim));
    }

    @Override
    public void addLayerNorm(Buffer x, Buffer residual, int rows, int cols, Buffer gamma, Buffer beta,
                             float epsilon) {
        long start = System.nanoTime();
        inner.addLayerNorm(x, residual, rows, cols, gamma, beta, epsilon);
        inner.synchronize();
        record(residual == null ? "layernorm" : "add+layernorm", start, 0);
    }

    @Override
    public void embed(EmbeddingTable word, EmbeddingTable position, EmbeddingTable type, int[] wordIds,
                      int[] positions, int[] types, int rows, Buffer x) {
        long start = System.nanoTime();
        inner.embed(word, position, type, wordIds, positions, types, rows, x);
        inner.synchronize();
        record("embed", start, 0);
    }

    @Override
    public double[][] pool(Buffer state, int[] offsets, int[] lengths, int cols, boolean firstRowOnly) {
        long start = System.nanoTime();
        double[][] pooled = inner.pool(state, offsets, lengths, cols, firstRowOnly);
        record("pool", start, 0);
        return pooled;
    }

    @Override
    public void synchronize() {
        inner.synchronize();
    }

    @Override
    public void close() {
        inner.close();
    }
}
