package dev.plumbline.engines.kernels;

import dev.plumbline.engines.Availability;

import java.util.Set;

/**
 * A kind of kernel backend, found through {@link java.util.ServiceLoader} (see
 * {@link KernelBackends}): the Java ones live in this module, the native ones ({@code native},
 * {@code openblas}, {@code cuda}) in {@code ffm-bindings}, which this module does not depend on.
 * Every backend also becomes an encoder engine of the same name (the pure-Java forward pass on
 * its kernels). Implementations need a public no-argument constructor and must not load native
 * code before {@link #availability()} is asked.
 */
public interface KernelBackendProvider {
    /** {@link #autoRank()} of a backend {@code auto} never picks (slow oracles, quantized variants). */
    int NEVER_AUTO = -1;

    /** Name users select it by, e.g. {@code simd}; also the engine's name. */
    String name();

    /** One line on what it is, including the instruction set it chose where that applies. */
    String describe();

    /** Whether it can run here; when not, the reason and the fix. Cheap after the first call. */
    Availability availability();

    /**
     * Quantized formats this backend has kernels for (e.g. {@code int8}); empty when it computes
     * in FP32 only. Listed by {@code plumbline engines}; quantized engines are opened only by name.
     */
    Set<String> quantizations();

    /**
     * Preference of {@code auto} among full-precision backends: the available one with the
     * highest rank wins; {@link #NEVER_AUTO} for backends it must never pick.
     */
    int autoRank();

    /**
     * Creates the backend; the caller closes it to release its threads and memory.
     *
     * @param threads threads one kernel call may use, at least 1
     * @throws IllegalStateException when {@link #availability()} is not available (the message says why)
     */
    Kernels create(int threads);
}
