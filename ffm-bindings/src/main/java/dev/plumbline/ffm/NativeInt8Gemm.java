package dev.plumbline.ffm;

import dev.plumbline.engines.Availability;
import dev.plumbline.engines.kernels.Int8Args;
import dev.plumbline.engines.kernels.Int8Gemm;
import dev.plumbline.engines.kernels.WorkerPool;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The native int8 GEMM (W8A8): activations asymmetric u8 with a zero point per row, weights
 * symmetric s8 with a scale per output column, exact int32 accumulation
 * {@code acc[i][j] = Σ_k (a[i][k] − aZero[i]) · w[k][j]} (AVX-512 VNNI {@code vpdpbusd}, AVX2
 * widening multiplies, or plain C: bit-identical), and a dequantizing epilogue
 * {@code c = (float) acc · (aScale[i] · wScale[j]) + bias[j]} (then GELU when asked). The quantized
 * engines build on it. Activations are passed as {@code byte[]} holding the u8 bit patterns.
 * Thread-safe for one caller at a time, like {@link dev.plumbline.engines.kernels.Kernels}.
 */
public final class NativeInt8Gemm implements Int8Gemm {
    private final WorkerPool pool;
    private final Arena arena = Arena.ofShared();
    private final int panel;
    private long offHeapBytes;

    /** Weights in the kernel's layout (with their column sums), off the heap. */
    public static final class Packed implements Int8Gemm.Packed {
        private final int k;
        private final int n;
        private final MemorySegment data;

        private Packed(int k, int n, MemorySegment data) {
            this.k = k;
            this.n = n;
            this.data = data;
        }

        /** Rows of the original matrix. */
        @Override
        public int k() {
            return k;
        }

        /** Columns of the original matrix. */
        @Override
        public int n() {
            return n;
        }

        /** Nothing on the heap: the packed weights live off-heap, counted by {@link NativeInt8Gemm#offHeapBytes()}. */
        @Override
        public long heapBytes() {
            return 0;
        }
    }

    /** Whether the native library loads here (reason and fix when not). */
    public static Availability availability() {
        return NativeLibrary.availability();
    }

    /**
     * @param threads threads one call may use, at least 1
     * @throws IllegalStateException when the native library is unavailable (the message says why)
     */
    public NativeInt8Gemm(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        NativeLibrary.get();
        this.panel = PlumblineC.panelS8();
        this.pool = new WorkerPool(threads, "plumbline-int8");
    }

    @Override
    public String describe() {
        return "C int8 GEMM, " + PlumblineC.isaActive().label();
    }

    /** Exact bytes of packed weights held off the heap. */
    @Override
    public synchronized long offHeapBytes() {
        return offHeapBytes;
    }

    /**
     * Packs {@code w[k × n]} (row-major), every value in {@code [-127, 127]} (symmetric
     * quantization never produces −128, and the kernels' zero-point correction relies on it).
     */
    @Override
    public Packed pack(byte[] w, int k, int n) {
        Int8Args.pack(w, k, n);
        long bytes = PlumblineC.packedBytesS8(k, n);
        MemorySegment data;
        synchronized (this) {
            data = arena.allocate(bytes, 64);
            offHeapBytes += bytes;
        }
        PlumblineC.packS8(MemorySegment.ofArray(w), k, n, data);
        return new Packed(k, n, data);
    }

    /** In C (AVX-512 or portable), bit-identical to {@link dev.plumbline.engines.kernels.Int8Quantization#rows}. */
    @Override
    public void quantizeRows(float[] x, int m, int k, byte[] q, int[] zero, float[] scale) {
        if (m < 0 || k < 1 || (long) m * k > x.length || (long) m * k > q.length || zero.length < m
                || scale.length < m) {
            throw new IllegalArgumentException("need m >= 0, k >= 1, x and q of m·k = " + (long) m * k
                    + ", zero and scale of m = " + m);
        }
        if (m == 0) {
            return;
        }
        GemmSplit.rows(pool, m, k, (from, to) -> PlumblineC.quantizeRowsU8(
                MemorySegment.ofArray(x).asSlice((long) from * k * Float.BYTES, (long) (to - from) * k * Float.BYTES),
                to - from, k, MemorySegment.ofArray(q).asSlice((long) from * k, (long) (to - from) * k),
                MemorySegment.ofArray(zero).asSlice((long) from * Integer.BYTES, (long) (to - from) * Integer.BYTES),
                MemorySegment.ofArray(scale).asSlice((long) from * Float.BYTES, (long) (to - from) * Float.BYTES)));
    }

    /** The int32 accumulators {@code acc[m × n]}. */
    @Override
    public void accumulate(byte[] a, int m, int[] aZero, Int8Gemm.Packed packed, int[] acc) {
        Packed w = own(packed);
        check(a, m, aZero, w, acc.length);
        int k = w.k;
        int n = w.n;
        GemmSplit.run(pool, m, k, n, panel, (row, rows, colFrom, colTo) -> PlumblineC.gemmU8S8S32(
                bytes(a, row, rows, k), rows, rows(aZero, row, rows), w.data, k, n,
                rows(acc, row, rows, n), colFrom, colTo));
    }

    /** The dequantized product {@code c[m × n]}; {@code bias} may be null. */
    @Override
    public void multiply(byte[] a, int m, int[] aZero, float[] aScale, Int8Gemm.Packed packed, float[] wScale,
                         float[] bias, float[] c, boolean gelu) {
        Packed w = own(packed);
        check(a, m, aZero, w, c.length);
        Int8Args.dequantize(m, aScale, w, wScale, bias, c);
        int k = w.k;
        int n = w.n;
        MemorySegment biasSeg = bias == null ? MemorySegment.NULL : MemorySegment.ofArray(bias);
        int epilogue = gelu ? PlumblineC.EPILOGUE_GELU : PlumblineC.EPILOGUE_NONE;
        GemmSplit.run(pool, m, k, n, panel, (row, rows, colFrom, colTo) -> PlumblineC.gemmU8S8F32(
                bytes(a, row, rows, k), rows, rows(aZero, row, rows),
                MemorySegment.ofArray(aScale).asSlice((long) row * Float.BYTES, (long) rows * Float.BYTES),
                w.data, k, n, MemorySegment.ofArray(wScale), biasSeg,
                MemorySegment.ofArray(c).asSlice((long) row * n * Float.BYTES, (long) rows * n * Float.BYTES),
                colFrom, colTo, epilogue));
    }

    private static Packed own(Int8Gemm.Packed w) {
        if (!(w instanceof Packed p)) {
            throw new IllegalArgumentException("matrix was packed by another int8 GEMM ("
                    + w.getClass().getSimpleName() + "); pack it with this one");
        }
        return p;
    }

    private void check(byte[] a, int m, int[] aZero, Packed w, int outLength) {
        Int8Args.multiply(a, m, aZero, w, outLength);
        if (!arena.scope().isAlive()) {
            throw new IllegalStateException("int8 GEMM is closed");
        }
    }

    private static MemorySegment bytes(byte[] x, int row, int rows, int cols) {
        return MemorySegment.ofArray(x).asSlice((long) row * cols, (long) rows * cols);
    }

    private static MemorySegment rows(int[] x, int row, int rows) {
        return MemorySegment.ofArray(x).asSlice((long) row * Integer.BYTES, (long) rows * Integer.BYTES);
    }

    private static MemorySegment rows(int[] x, int row, int rows, int cols) {
        return MemorySegment.ofArray(x).asSlice((long) row * cols * Integer.BYTES, (long) rows * cols * Integer.BYTES);
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
