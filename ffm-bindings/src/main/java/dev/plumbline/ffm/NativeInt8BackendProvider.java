package dev.plumbline.ffm;

import dev.plumbline.engines.Availability;
import dev.plumbline.engines.kernels.Int8Kernels;
import dev.plumbline.engines.kernels.KernelBackendProvider;
import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;

import java.util.Set;

/**
 * {@code native-int8}: W8A8 linear layers on the C int8 GEMM ({@link NativeInt8Gemm}: AVX-512
 * VNNI {@code vpdpbusd}, AVX2 or portable C), everything else on the {@code native} FP32 kernels.
 * Quantized, so {@code auto} never picks it.
 */
public final class NativeInt8BackendProvider implements KernelBackendProvider {
    /** The name users select it by. */
    public static final String NAME = NativeBackendProvider.NAME + "-int8";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "pure-Java encoder, int8 W8A8 linear layers on the project's C int8 GEMM (" + NativeBackendProvider.isa()
                + "), the rest on the native FP32 kernels";
    }

    @Override
    public Availability availability() {
        return NativeLibrary.availability();
    }

    @Override
    public Set<String> quantizations() {
        return Set.of(Int8Kernels.NUMERICS);
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
            return new Int8Kernels(NAME, fp32, new NativeInt8Gemm(threads));
        } catch (RuntimeException e) {
            fp32.close();
            throw e;
        }
    }
}
