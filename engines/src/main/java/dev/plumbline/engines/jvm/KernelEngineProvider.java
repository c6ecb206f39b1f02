package dev.plumbline.engines.jvm;

import dev.plumbline.engines.Availability;
import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.EngineProvider;
import dev.plumbline.engines.EngineUnavailableException;
import dev.plumbline.engines.kernels.KernelBackendProvider;
import dev.plumbline.engines.kernels.Kernels;
import dev.plumbline.engines.model.ModelSpec;

import java.io.IOException;
import java.util.Set;

/**
 * The pure-Java encoder on one kernel backend, named like the backend ({@code simd},
 * {@code scalar}, {@code native}, {@code openblas}, …). Not registered itself: {@link
 * dev.plumbline.engines.Engines} makes one for every registered {@link KernelBackendProvider}, so
 * a new backend is an engine without further wiring.
 */
public final class KernelEngineProvider implements EngineProvider {
    private final KernelBackendProvider backend;

    /** The encoder engine over {@code backend}. */
    public KernelEngineProvider(KernelBackendProvider backend) {
        this.backend = backend;
    }

    /** Version of the Java engine: the Plumbline engines module's, or {@code dev} when run from classes. */
    static String version() {
        String v = KernelEngineProvider.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    @Override
    public String name() {
        return backend.name();
    }

    @Override
    public String describe() {
        return backend.describe();
    }

    @Override
    public Availability availability() {
        return backend.availability();
    }

    @Override
    public int autoRank() {
        return backend.autoRank();
    }

    @Override
    public Set<String> quantizations() {
        return backend.quantizations();
    }

    @Override
    public Engine open(ModelSpec model, EngineOptions options) throws IOException {
        Availability a = availability();
        if (!a.available()) {
            throw new EngineUnavailableException(backend.name(), a);
        }
        Kernels kernels = backend.create(options.threads());
        try {
            return new JavaEngine(backend.name(), model, model.load(), kernels, options);
        } catch (IOException | RuntimeException e) {
            kernels.close();
            throw e;
        }
    }
}
