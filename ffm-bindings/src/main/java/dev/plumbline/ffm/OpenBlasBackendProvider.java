package dev.plumbline.ffm;

import dev.plumbline.engines.Availability;
import dev.plumbline.engines.kernels.KernelBackendProvider;
import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;

import java.util.Set;

/**
 * {@code openblas}: GEMM by OpenBLAS {@code cblas_sgemm}, everything else by the project's C
 * kernels, so it differs from {@code native} in the GEMM alone.
 */
public final class OpenBlasBackendProvider implements KernelBackendProvider {
    /** The name users select it by. */
    public static final String NAME = "openblas";
    /** Between simd and native (README, encoder table). */
    static final int AUTO_RANK = 30;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        String blas = OpenBlas.availability().available() ? OpenBlas.get().describe() : "OpenBLAS";
        return "pure-Java encoder, GEMM by " + blas + ", the rest by the C kernels (" + NativeBackendProvider.isa() + ")";
    }

    @Override
    public Availability availability() {
        Availability own = NativeLibrary.availability();
        return own.available() ? OpenBlas.availability() : own;
    }

    @Override
    public Set<String> quantizations() {
        return Set.of();
    }

    @Override
    public int autoRank() {
        return AUTO_RANK;
    }

    @Override
    public Kernels create(int threads) {
        KernelBackends.checkThreads(threads);
        KernelBackends.requireAvailable(this);
        return new NativeKernels(NAME, new OpenBlasGemm(), threads);
    }
}
