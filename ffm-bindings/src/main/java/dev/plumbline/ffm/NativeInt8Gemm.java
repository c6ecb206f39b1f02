package dev.plumbline.ffm;

import dev.plumbline.engines.Availability;
import dev.plumbline.engines.kernels.Int8Args;
import dev.plumbline.engines.kernels.Int8Gemm;

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
public final class NativeInt8Gemm extends NativeQuantizedGemm implements Int8Gemm {
    private final int panel;

    /** Weights in the kernel's layout (with their column sums), off the heap. */
    public static final class Packed extends Weights implements Int8Gemm.Packed {
        private Packed(int k, int n, MemorySegment data) {
            super(k, n, data);
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
        super(threads, "plumbline-int8");
        this.panel = PlumblineC.panelS8();
    }

    @Override
    public String describe() {
        return "C int8 GEMM, " + PlumblineC.isaActive().label();
    }

    /**
     * Packs {@code w[k × n]} (row-major), every value in {@code [-127, 127]} (symmetric
     * quantization never produces −128, and the kernels' zero-point correction relies on it).
     */
    @Override
    public Packed pack(byte[] w, int k, int n) {
        Int8Args.pack(w, k, n);
        MemorySegment data = allocate(PlumblineC.packedBytesS8(k, n));
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
                floats(x, (long) from * k, (long) (to - from) * k), to - from, k,
                bytes(q, (long) from * k, (long) (to - from) * k), ints(zero, from, to - from),
                floats(scale, from, to - from)));
    }

    /** The int32 accumulators {@code acc[m × n]}. */
    @Override
    public void accumulate(byte[] a, int m, int[] aZero, Int8Gemm.Packed packed, int[] acc) {
        Packed w = own(packed, Packed.class, "int8 GEMM");
        check(a, m, aZero, w, acc.length);
        int k = w.k;
        int n = w.n;
        GemmSplit.run(pool, m, k, n, panel, (row, rows, colFrom, colTo) -> PlumblineC.gemmU8S8S32(
                bytes(a, (long) row * k, (long) rows * k), rows, ints(aZero, row, rows), w.data, k, n,
                ints(acc, (long) row * n, (long) rows * n), colFrom, colTo));
    }

    /** The dequantized product {@code c[m × n]}; {@code bias} may be null. */
    @Override
    public void multiply(byte[] a, int m, int[] aZero, float[] aScale, Int8Gemm.Packed packed, float[] wScale,
                         float[] bias, float[] c, boolean gelu) {
        Packed w = own(packed, Packed.class, "int8 GEMM");
        check(a, m, aZero, w, c.length);
        Int8Args.dequantize(m, aScale, w, wScale, bias, c);
        int k = w.k;
        int n = w.n;
        MemorySegment biasSeg = bias == null ? MemorySegment.NULL : MemorySegment.ofArray(bias);
        int epilogue = gelu ? PlumblineC.EPILOGUE_GELU : PlumblineC.EPILOGUE_NONE;
        GemmSplit.run(pool, m, k, n, panel, (row, rows, colFrom, colTo) -> PlumblineC.gemmU8S8F32(
                bytes(a, (long) row * k, (long) rows * k), rows, ints(aZero, row, rows), floats(aScale, row, rows),
                w.data, k, n, MemorySegment.ofArray(wScale), biasSeg, floats(c, (long) row * n, (long) rows * n),
                colFrom, colTo, epilogue));
    }

    private void check(byte[] a, int m, int[] aZero, Packed w, int outLength) {
        Int8Args.multiply(a, m, aZero, w, outLength);
        checkOpen("int8 GEMM");
    }
}
