package dev.plumbline.engines.jvm;

import dev.plumbline.engines.Availability;
import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.EngineProvider;
import dev.plumbline.engines.EngineUnavailableException;
import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;
import dev.plumbline.engines.model.ModelSpec;

import java.io.IOException;
import java.util.Optional;

/**
 * The pure-Java engines, one per kernel backend: {@code simd} (Java Vector API, the fast path)
 * and {@code scalar} (the plain oracle, slow). Registered with {@link java.util.ServiceLoader}
 * through the two subclasses.
 */
public abstract class JavaEngineProvider implements EngineProvider {
    private final String backend;

    JavaEngineProvider(String backend) {
        this.backend = backend;
    }

    /** Version of the Java engine: the Plumbline engines module's, or {@code dev} when run from classes. */
    static String version() {
        String v = JavaEngineProvider.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    @Override
    public String name() {
        return backend;
    }

    @Override
    public Availability availability() {
        Optional<String> reason = KernelBackends.unavailableReason(backend);
        return reason.map(r -> Availability.no(r, "run through ./plumbline, or add --add-modules jdk.incubator.vector"
                + " to the java command")).orElseGet(Availability::yes);
    }

    @Override
    public Engine open(ModelSpec model, EngineOptions options) throws IOException {
        Availability a = availability();
        if (!a.available()) {
            throw new EngineUnavailableException(backend, a);
        }
        Kernels kernels = KernelBackends.create(backend, options.threads());
        try {
            return new JavaEngine(backend, model, model.load(), kernels, options);
        } catch (IOException | RuntimeException e) {
            kernels.close();
            throw e;
        }
    }

    /** {@code simd}: the Java Vector API encoder. */
    public static final class Simd extends JavaEngineProvider {
        /** For {@link java.util.ServiceLoader}. */
        public Simd() {
            super(KernelBackends.SIMD);
        }

        @Override
        public String describe() {
            return "pure-Java encoder on the Java Vector API (FP32, cache-blocked GEMM, fused attention)";
        }
    }

    /** {@code scalar}: the readable reference encoder. */
    public static final class Scalar extends JavaEngineProvider {
        /** For {@link java.util.ServiceLoader}. */
        public Scalar() {
            super(KernelBackends.SCALAR);
        }

        @Override
        public String describe() {
            return "pure-Java reference encoder, plain loops (the oracle for the fast engines; slow)";
        }
    }
}
