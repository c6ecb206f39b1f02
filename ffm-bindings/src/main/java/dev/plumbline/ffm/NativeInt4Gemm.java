package dev.plumbline.ffm;

import dev.plumbline.engines.kernels.Int4Args;
import dev.plumbline.engines.kernels.Int4Gemm;
import dev.plumbline.engines.kernels.Q4_0;
import dev.plumbline.engines.kernels.Q8_0;

import java.lang.foreign.MemorySegment;

/**
 * The native int4 GEMM: Q4_0 weights (off-heap, in panels of 16 columns whose nibbles are the
 * unsigned operand of AVX-512 VNNI {@code vpdpbusd} as they are stored) times Q8_0-style
 * activation blocks, in the block order of {@link Int4Gemm}, so its outputs before GELU are
 * bit-identical to {@link dev.plumbline.engines.kernels.ScalarInt4Gemm}'s. Without VNNI it runs
 * a portable C loop (the same bits, much slower). Activation quantization is in C as well.
 */
public final class NativeInt4Gemm extends NativeQuantizedGemm implements Int4Gemm {
    private final int panel;

    /** Weights in the kernel's layout, off the heap. */
    public static final class Packed extends Weights implements Int4Gemm.Packed {
        private Packed(int k, int n, MemorySegment data) {
            super(k, n, data);
        }
    }

    /**
     * @param threads threads one call may use, at least 1
     * @throws IllegalStateException when the native library is unavailable (the message says why)
     */
    public NativeInt4Gemm(int threads) {
        super(threads, "plumbline-int4");
        this.panel = PlumblineC.panelQ4();
    }

    @Override
    public String describe() {
        NativeIsa isa = PlumblineC.isaActive();
        return "C int4 GEMM, " + (isa == NativeIsa.AVX512_VNNI ? isa.label() : "portable C (no AVX-512 VNNI)");
    }

    @Override
    public Packed pack(byte[] q4, int k, int n) {
        Int4Args.pack(q4, k, n);
        MemorySegment data = allocate(PlumblineC.packedBytesQ4(k, n));
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
                floats(x, (long) from * k, (long) (to - from) * k), to - from, k,
                bytes(q, (long) from * perRow * Q4_0.BLOCK, (long) (to - from) * perRow * Q4_0.BLOCK),
                floats(d, (long) from * perRow, (long) (to - from) * perRow),
                ints(sum, (long) from * perRow, (long) (to - from) * perRow)));
    }

    @Override
    public void multiply(byte[] a, int m, float[] aScale, int[] aSum, Int4Gemm.Packed packed, float[] bias, float[] c,
                         boolean gelu) {
        Packed w = own(packed, Packed.class, "int4 GEMM");
        Int4Args.multiply(a, m, aScale, aSum, w, bias, c);
        checkOpen("int4 GEMM");
        int k = w.k;
        int n = w.n;
        int blocks = Q8_0.blocks(k);
        MemorySegment biasSeg = bias == null ? MemorySegment.NULL : MemorySegment.ofArray(bias);
        int epilogue = gelu ? PlumblineC.EPILOGUE_GELU : PlumblineC.EPILOGUE_NONE;
        GemmSplit.run(pool, m, k, n, panel, (row, rows, colFrom, colTo) -> PlumblineC.gemmQ8Q4F32(
                bytes(a, (long) row * blocks * Q4_0.BLOCK, (long) rows * blocks * Q4_0.BLOCK), rows,
                floats(aScale, (long) row * blocks, (long) rows * blocks),
                ints(aSum, (long) row * blocks, (long) rows * blocks),
                w.data, k, n, biasSeg, floats(c, (long) row * n, (long) rows * n), colFrom, colTo, epilogue));
    }
}
