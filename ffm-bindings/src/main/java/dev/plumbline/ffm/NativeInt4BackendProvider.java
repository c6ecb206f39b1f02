package dev.plumbline.ffm;

import dev.plumbline.engines.Availability;
import dev.plumbline.engines.kernels.Int4Kernels;
import dev.plumbline.engines.kernels.KernelBackendProvider;
import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;

import java.util.Set;

/**
 * {@code native-int4}: Q4_0 weights and embedding tables, linear layers on the C int4 GEMM
 * ({@link NativeInt4Gemm}: AVX-512 VNNI {@code vpdpbusd} on the stored nibbles, or portable C),
 * everything else on the {@code native} FP32 kernels.
 * Quantized, so {@code auto} never picks it.
 */
public final class NativeInt4BackendProvider implements KernelBackendProvider {
    /** The name users select it by. */
    public static final String NAME = NativeBackendProvider.NAME + "-int4";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "pure-Java encoder, Q4_0 int4 weights and embeddings, linear layers on the project's C int4 GEMM ("
                + NativeBackendProvider.isa() + "), the rest on the native FP32 kernels";
    }

    @Override
    public Availability availability() {
        return NativeLibrary.availability();
    }

    @Override
    public Set<String> quantizations() {
        return Set.of(Int4Kernels.NUMERICS);
    }

    @Override
    public int autoRank() {
        return NEVER_AUTO;
    }

    @Override
    public Kernels create(int threads) {
        KernelBackends.checkThreads(threads);
        KernelBackends.requireAvailable(this);
        Kernels fp32 = new NativeKernels(NativeBackendProvider.NAME, new OwnGemm(), threads);
        try {
            return new Int4Kernels(NAME, fp32, new NativeInt4Gemm(threads));
        } catch (RuntimeException e) {
            fp32.close();
            throw e;
        }
    }
}
