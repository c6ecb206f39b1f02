package dev.plumbline.ffm;

import dev.plumbline.engines.kernels.KernelArgs;
import dev.plumbline.engines.kernels.Kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The project's C GEMM ({@code plumbline_gemm_f32}): weights packed once into column panels in
 * the backend's arena, activations and outputs read and written in place on the Java heap, the
 * work shared by {@link GemmSplit}.
 */
final class OwnGemm implements Gemm {
    private final int panel = PlumblineC.panelF32();

    /** Packed weights: off-heap panels of the C kernel's panel width. */
    record Packed(int k, int n, MemorySegment data) implements Gemm.OffHeap {
    }

    @Override
    public String describe() {
        return "own GEMM";
    }

    /** Every element is computed the same way whatever its partition. */
    @Override
    public boolean batchInvariant() {
        return true;
    }

    @Override
    public Packed pack(Arena arena, float[] w, int k, int n) {
        long floats = PlumblineC.packedFloatsF32(k, n);
        MemorySegment data = arena.allocate(floats * Float.BYTES, 64);
        PlumblineC.packF32(MemorySegment.ofArray(w), k, n, data);
        return new Packed(k, n, data);
    }

    @Override
    public void multiply(NativeKernels kernels, float[] a, int m, Kernels.PackedMatrix packed, float[] bias, float[] c,
                         boolean gelu) {
        Packed w = KernelArgs.own(packed, Packed.class, kernels.name());
        int k = w.k();
        int n = w.n();
        int epilogue = gelu ? PlumblineC.EPILOGUE_GELU : PlumblineC.EPILOGUE_NONE;
        MemorySegment biasSeg = bias == null ? MemorySegment.NULL : MemorySegment.ofArray(bias);
        GemmSplit.run(kernels.pool(), m, k, n, panel, (row, rows, colFrom, colTo) -> {
            MemorySegment aSeg = MemorySegment.ofArray(a).asSlice((long) row * k * Float.BYTES,
                    (long) rows * k * Float.BYTES);
            MemorySegment cSeg = MemorySegment.ofArray(c).asSlice((long) row * n * Float.BYTES,
                    (long) rows * n * Float.BYTES);
            PlumblineC.gemmF32(aSeg, rows, w.data(), k, n, biasSeg, cSeg, colFrom, colTo, epilogue);
        });
    }
}
