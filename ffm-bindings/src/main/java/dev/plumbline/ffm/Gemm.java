package dev.plumbline.ffm;

import dev.plumbline.engines.kernels.Kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * How a native backend multiplies activations by packed weights: the project's own C kernel
 * ({@link OwnGemm}) or OpenBLAS ({@link OpenBlasGemm}). Everything else a backend does is the same
 * C kernels, so two backends that differ only here are two rows users can compare.
 */
interface Gemm {
    /** Short name for descriptions, e.g. {@code own AVX-512 micro-kernel} or {@code OpenBLAS 0.3.31}. */
    String describe();

    /** Whether a row's bits never depend on the call's row count or threads ({@link Kernels#batchInvariant()}). */
    boolean batchInvariant();

    /** Copies {@code w[k × n]} into {@code arena} in this GEMM's layout. */
    OffHeap pack(Arena arena, float[] w, int k, int n);

    /**
     * A matrix packed into the backend's arena. Each GEMM has its own record type (the layouts
     * differ), so a matrix packed by one is refused by the other.
     */
    interface OffHeap extends Kernels.PackedMatrix {
        /** The packed data; its size is what the matrix costs off the heap. */
        MemorySegment data();
    }

    /**
     * {@code c = a · w + bias} (then GELU when {@code gelu}) for {@code m} rows; arguments already
     * checked. Runs on {@code kernels}' threads.
     */
    void multiply(NativeKernels kernels, float[] a, int m, Kernels.PackedMatrix w, float[] bias, float[] c, boolean gelu);
}
