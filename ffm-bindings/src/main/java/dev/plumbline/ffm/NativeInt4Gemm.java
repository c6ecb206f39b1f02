package dev.plumbline.ffm;

import dev.plumbline.engines.kernels.Int4Args;
import dev.plumbline.engines.kernels.Int4Gemm;
import dev.plumbline.engines.kernels.Q4_0;
import dev.plumbline.engines.kernels.Q8_0;
import dev.plumbline.engines.kernels.WorkerPool;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The native int4 GEMM: Q4_0 weights (off-heap, in panels of 16 columns whose nibbles are the
 * unsigned operand of AVX-512 VNNI {@code vpdpbusd} as they are stored) times Q8_0-style
 * activation blocks, in the block order of {@link Int4Gemm}, so its outputs before GELU are
 * bit-identical to {@link dev.plumbline.engines.kernels.ScalarInt4Gemm}'s. Without VNNI it runs
 * a portable C loop (the same bits, much slower). Activation quantization is in C as well.
 */
public final class NativeInt4Gemm implements Int4Gemm {
    private final WorkerPool pool;
    private final Arena arena = Arena.ofShared();
    private final int panel;
    private long offHeapBytes;

    /** Weights in the kernel's layout, off the heap. */
    public static final class Packed implements Int4Gemm.Packed {
        private final int k;
        private final int n;
        private final MemorySegment data;

        private Packed(int k, int n, MemorySegment data) {
            this.k = k;
            this.n = n;
            this.data = data;
        }

        @Override
        public int k() {
            return k;
        }

        @Override
        public int n() {
            return n;
        }

        /** Nothing on the heap: counted by {@link NativeInt4Gemm#offHeapBytes()}. */
        @Override
        public long heapBytes() {
            return 0;
        }
    }

    /**
     * @param threads threads one call may use, at least 1
     * @throws IllegalStateException when the native library is unavailable (the message says why)
     */
    public NativeInt4Gemm(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        NativeLibrary.get();
        this.panel = PlumblineC.panelQ4();
        this.pool = new WorkerPool(threads, "plumbline-int4");
    }

    @Override
    public String describe() {
        NativeIsa isa = PlumblineC.isaActive();
        return "C int4 GEMM, " + (isa == NativeIsa.AVX512_VNNI ? isa.label() : "portable C (no AVX-512 VNNI)");
    }

    /** Exact bytes of packed weights held off the heap. */
    @Override
    public synchronized long offHeapBytes() {
        return offHeapBytes;
    }

    @Override
    public Packed pack(byte[] q4, int k, int n) {
        Int4Args.pack(q4, k, n);
        long bytes = PlumblineC.packedBytesQ4(k, n);
        MemorySegment data;
        synchronized (this) {
            data = arena.allocate(bytes, 64);
            offHeapBytes += bytes;
        }
        PlumblineC.packQ4(MemorySegment.ofArray(q4), k, n, data);
        return new Packed(k, n, data);
    }

    /** In C (AVX-512 or portable), bit-identical to {@link Q8_0#quantizeRows}. */
    @Override
    public void quantizeRows(float[] x, int m, int k, byte[] q, float[] d, int[] sum) {
        long blocks = (long) m * Q8_0.blocks(k);
        if (m < 0 || k < 1 || (long) m * k > x.length || blocks * Q4_0.BLOCK > q.length || blocks > d.length
                || blocks > sum.length) {
            throw new IllegalArgumentException("need m >= 0, k >= 1, x of m·k = " + (long) m * k + ", q of "
                    + blocks * Q4_0.BLOCK + ", d and sum of " + blocks);
        }
        if (m == 0) {
            return;
        }
        int perRow = Q8_0.blocks(k);
        GemmSplit.rows(pool, m, k, (from, to) -> PlumblineC.quantizeRowsQ8(
                MemorySegment.ofArray(x).asSlice((long) from * k * Float.BYTES, (long) (to - from) * k * Float.BYTES),
                to - from, k,
                MemorySegment.ofArray(q).asSlice((long) from * perRow * Q4_0.BLOCK, (long) (to - from) * perRow * Q4_0.BLOCK),
                MemorySegment.ofArray(d).asSlice((long) from * perRow * Float.BYTES, (long) (to - from) * perRow * Float.BYTES),
                MemorySegment.ofArray(sum).asSlice((long) from * perRow * Integer.BYTES,
                        (long) (to - from) * perRow * Integer.BYTES)));
    }

    @Override
    public void multiply(byte[] a, int m, float[] aScale, int[] aSum, Int4Gemm.Packed packed, float[] bias, float[] c,
                         boolean gelu) {
        if (!(packed instanceof Packed w)) {
            throw new IllegalArgumentException("matrix was packed by another int4 GEMM ("
                    + packed.getClass().getSimpleName() + "); pack it with this one");
        }
        Int4Args.multiply(a, m, aScale, aSum, w, bias, c);
        if (!arena.scope().isAlive()) {
            throw new IllegalStateException("int4 GEMM is closed");
        }
        int k = w.k;
        int n = w.n;
        int blocks = Q8_0.blocks(k);
        MemorySegment biasSeg = bias == null ? MemorySegment.NULL : MemorySegment.ofArray(bias);
        int epilogue = gelu ? PlumblineC.EPILOGUE_GELU : PlumblineC.EPILOGUE_NONE;
        GemmSplit.run(pool, m, k, n, panel, (row, rows, colFrom, colTo) -> PlumblineC.gemmQ8Q4F32(
                MemorySegment.ofArray(a).asSlice((long) row * blocks * Q4_0.BLOCK, (long) rows * blocks * Q4_0.BLOCK),
                rows,
                MemorySegment.ofArray(aScale).asSlice((long) row * blocks * Float.BYTES, (long) rows * blocks * Float.BYTES),
                MemorySegment.ofArray(aSum).asSlice((long) row * blocks * Integer.BYTES,
                        (long) rows * blocks * Integer.BYTES),
                w.data, k, n, biasSeg,
                MemorySegment.ofArray(c).asSlice((long) row * n * Float.BYTES, (long) rows * n * Float.BYTES),
                colFrom, colTo, epilogue));
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
}
