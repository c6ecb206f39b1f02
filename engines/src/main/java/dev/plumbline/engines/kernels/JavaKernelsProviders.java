package dev.plumbline.engines.kernels;

import dev.plumbline.engines.Availability;

import java.util.Set;

/**
 * The two backends of this module: {@code scalar}, the readable oracle, and {@code simd}, the
 * Java Vector API. Registered with {@link java.util.ServiceLoader} through the nested classes.
 */
public final class JavaKernelsProviders {
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    private JavaKernelsProviders() {
    }

    /** {@code scalar}: plain loops in double precision; the oracle every other backend is tested against. */
    public static final class Scalar implements KernelBackendProvider {
        @Override
        public String name() {
            return KernelBackends.SCALAR;
        }

        @Override
        public String describe() {
            return "pure-Java reference encoder, plain loops (the oracle for the fast engines; slow)";
        }

        @Override
        public Availability availability() {
            return Availability.yes();
        }

        @Override
        public Set<String> quantizations() {
            return Set.of();
        }

        @Override
        public int autoRank() {
            return NEVER_AUTO;
        }

        @Override
        public Kernels create(int threads) {
            KernelBackends.checkThreads(threads);
            return new ScalarKernels();
        }
    }

    /**
     * {@code simd}: the Java Vector API. Its classes touch {@code jdk.incubator.vector}, so they
     * load only after the module is known to be in the boot layer; without it the caller gets the
     * reason and the fix, not a {@code NoClassDefFoundError}.
     */
    public static final class Simd implements KernelBackendProvider {
        /** Below the native backends, above ONNX Runtime (measured: see the README's encoder table). */
        static final int AUTO_RANK = 20;

        @Override
        public String name() {
            return KernelBackends.SIMD;
        }

        @Override
        public String describe() {
            return "pure-Java encoder on the Java Vector API (FP32, cache-blocked GEMM, fused attention)";
        }

        @Override
        public Availability availability() {
            return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()
                    ? Availability.yes()
                    : Availability.no("the Java Vector API is not enabled in this JVM",
                            "run through ./plumbline, or add --add-modules " + VECTOR_MODULE + " to the java command");
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
            return new SimdKernels(threads);
        }
    }

    /**
     * {@code simd-int8}: W8A8 on the Java Vector API ({@link SimdInt8Gemm}), everything else on
     * {@code simd}. Quantized, so {@code auto} never picks it.
     */
    public static final class SimdInt8 implements KernelBackendProvider {
        private final Simd simd = new Simd();

        @Override
        public String name() {
            return KernelBackends.SIMD + "-int8";
        }

        @Override
        public String describe() {
            return "pure-Java encoder, int8 W8A8 linear layers on the Java Vector API (int32 accumulation), the rest FP32";
        }

        @Override
        public Availability availability() {
            return simd.availability();
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
            SimdKernels fp32 = new SimdKernels(threads);
            return new Int8Kernels(name(), fp32, new SimdInt8Gemm(fp32.pool()));
        }
    }
}
