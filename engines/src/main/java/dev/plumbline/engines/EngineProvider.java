package dev.plumbline.engines;

import dev.plumbline.engines.model.ModelSpec;

import java.io.IOException;
import java.util.Set;

/**
 * A kind of engine, found through {@link java.util.ServiceLoader} (see {@link Engines}); opens
 * {@link Engine}s for models. Implementations need a public no-argument constructor and must not
 * load native code before {@link #availability()} is asked.
 */
public interface EngineProvider {

    /** Name users select it by, e.g. {@code onnxruntime}, {@code simd}. */
    String name();

    /** One line on what it is, e.g. {@code ONNX Runtime 1.24.2, CPU execution provider}. */
    String describe();

    /** Whether it can run here; when not, the reason and the fix. */
    Availability availability();

    /**
     * Preference of {@code auto} among available full-precision engines (highest wins), or
     * {@link dev.plumbline.engines.kernels.KernelBackendProvider#NEVER_AUTO} for engines it must
     * never pick: oracles and quantized variants, which change results and run only when named.
     */
    default int autoRank() {
        return dev.plumbline.engines.kernels.KernelBackendProvider.NEVER_AUTO;
    }

    /** Quantized formats the engine has kernels for; empty for FP32-only engines. */
    default Set<String> quantizations() {
        return Set.of();
    }

    /**
     * Loads {@code model} and opens an engine for it; the caller owns and closes the result.
     *
     * @throws EngineUnavailableException when {@link #availability()} is not available
     * @throws IOException                when the model's files cannot be read
     */
    Engine open(ModelSpec model, EngineOptions options) throws IOException;
}
