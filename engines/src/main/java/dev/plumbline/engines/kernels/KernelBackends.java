package dev.plumbline.engines.kernels;

import java.util.List;
import java.util.Optional;

/**
 * Creates kernel backends by name and says why one cannot run. The {@code simd} backend's classes
 * touch {@code jdk.incubator.vector}, so they are loaded only after the module is known to be in
 * the boot layer; without it the caller gets the reason and the fix, not a {@code NoClassDefFoundError}.
 */
public final class KernelBackends {
    /** The readable oracle. */
    public static final String SCALAR = "scalar";
    /** The Java Vector API backend. */
    public static final String SIMD = "simd";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    private KernelBackends() {
    }

    /** Names of the backends this module provides, fastest last. */
    public static List<String> names() {
        return List.of(SCALAR, SIMD);
    }

    /** Empty when {@code name} can be created here; otherwise the reason and the fix. */
    public static Optional<String> unavailableReason(String name) {
        return switch (name) {
            case SCALAR -> Optional.empty();
            case SIMD -> ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()
                    ? Optional.empty()
                    : Optional.of("the Java Vector API is not enabled: start the JVM with --add-modules "
                            + VECTOR_MODULE + " (./plumbline does this)");
            default -> Optional.of("unknown kernel backend '" + name + "'; known: " + String.join(", ", names()));
        };
    }

    /**
     * Creates a backend; close it to stop its threads.
     *
     * @param name    {@value #SCALAR} or {@value #SIMD}
     * @param threads threads one kernel call may use, at least 1 (the scalar backend always uses 1)
     * @throws IllegalArgumentException for an unknown name or {@code threads < 1}
     * @throws IllegalStateException    when the backend cannot run in this JVM (the message says why)
     */
    public static Kernels create(String name, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (!names().contains(name)) {
            throw new IllegalArgumentException(unavailableReason(name).orElseThrow());
        }
        Optional<String> reason = unavailableReason(name);
        if (reason.isPresent()) {
            throw new IllegalStateException("kernel backend '" + name + "' unavailable: " + reason.get());
        }
        return name.equals(SCALAR) ? new ScalarKernels() : new SimdKernels(threads);
    }
}
