package dev.plumbline.ffm;

import dev.plumbline.engines.kernels.KernelArgs;
import dev.plumbline.engines.kernels.Kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * GEMM by OpenBLAS {@code cblas_sgemm}: weights copied once, unchanged ({@code [k × n]}
 * row-major), into the backend's arena; each output row starts as the bias and OpenBLAS adds
 * {@code a · w} with {@code beta = 1}; GELU, when asked, is the C kernel after. OpenBLAS runs its
 * own threads (set to the backend's count), so this GEMM is one call from the calling thread.
 */
final class OpenBlasGemm implements Gemm {
    private final OpenBlas blas = OpenBlas.get();

    /** Packed weights: an off-heap copy of {@code w}. */
    record Packed(int k, int n, MemorySegment data) implements Gemm.OffHeap {
    }

    @Override
    public String describe() {
        return "GEMM by " + blas.describe();
    }

    /** OpenBLAS picks kernels and splits by shape: measured, a row of a 700-row call differs in the last bits from the same row alone. */
    @Override
    public boolean batchInvariant() {
        return false;
    }

    @Override
    public Packed pack(Arena arena, float[] w, int k, int n) {
        MemorySegment data = arena.allocate((long) k * n * Float.BYTES, 64);
        MemorySegment.copy(w, 0, data, java.lang.foreign.ValueLayout.JAVA_FLOAT, 0, k * n);
        return new Packed(k, n, data);
    }

    @Override
    public void multiply(NativeKernels kernels, float[] a, int m, Kernels.PackedMatrix packed, float[] bias, float[] c,
                         boolean gelu) {
        Packed w = KernelArgs.own(packed, Packed.class, kernels.name());
        int n = w.n();
        if (m == 0) {
            return;
        }
        if (bias != null) {
            for (int i = 0; i < m; i++) {
                System.arraycopy(bias, 0, c, i * n, n);
            }
        }
        blas.sgemm(m, n, w.k(), MemorySegment.ofArray(a), w.data(), bias == null ? 0f : 1f, MemorySegment.ofArray(c),
                kernels.threads());
        if (gelu) {
            kernels.geluParallel(c, m * n);
        }
    }
}
