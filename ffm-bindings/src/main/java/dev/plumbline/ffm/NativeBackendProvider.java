package dev.plumbline.ffm;

import dev.plumbline.engines.Availability;
import dev.plumbline.engines.kernels.KernelBackendProvider;
import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;

import java.util.Set;

/**
 * {@code native}: the project's own C kernels for everything (AVX-512 / AVX2 / portable, chosen
 * at load). Also registered as an encoder engine of the same name.
 */
public final class NativeBackendProvider implements KernelBackendProvider {
    /** The name users select it by. */
    public static final String NAME = "native";
    /** Above simd and openblas: fastest at encoder shapes where measured (README, encoder table). */
    static final int AUTO_RANK = 40;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "pure-Java encoder on the project's C kernels through FFM (" + isa() + "; FP32 GEMM, fused attention)";
    }

    /** The instruction set the library chose, e.g. {@code avx512-vnni +bf16}, or why there is none. */
    static String isa() {
        if (!NativeLibrary.availability().available()) {
            return "not loaded";
        }
        return PlumblineC.isaActive().label() + (PlumblineC.hasBf16() ? " +bf16" : "");
    }

    @Override
    public Availability availability() {
        return NativeLibrary.availability();
    }

    @Override
    public Set<String> quantizations() {
        return Set.of(); // its int8 GEMM is the separate backend native-int8
    }

    @Override
    public int autoRank() {
        return AUTO_RANK;
    }

    @Override
    public Kernels create(int threads) {
        KernelBackends.checkThreads(threads);
        KernelBackends.requireAvailable(this);
        return new NativeKernels(NAME, new OwnGemm(), threads);
    }
}
