package dev.plumbline.engines.kernels;

import dev.plumbline.engines.Availability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The kernel backend registry: every {@link KernelBackendProvider} registered with
 * {@link ServiceLoader}, created by name. What {@code auto} means is decided with the other
 * engines, in {@link dev.plumbline.engines.Engines#auto()}.
 */
public final class KernelBackends {
    /** The readable oracle. */
    public static final String SCALAR = "scalar";
    /** The Java Vector API backend. */
    public static final String SIMD = "simd";

    private KernelBackends() {
    }

    /** Every registered provider, sorted by name. */
    public static List<KernelBackendProvider> providers() {
        List<KernelBackendProvider> all = new ArrayList<>();
        ServiceLoader.load(KernelBackendProvider.class).forEach(all::add);
        all.sort(Comparator.comparing(KernelBackendProvider::name));
        return all;
    }

    /** Names of the registered backends, sorted. */
    public static List<String> names() {
        return providers().stream().map(KernelBackendProvider::name).toList();
    }

    /** The registered providers that can run here, sorted by name. */
    public static List<KernelBackendProvider> available() {
        return providers().stream().filter(p -> p.availability().available()).toList();
    }

    /**
     * The provider called {@code name}.
     *
     * @throws IllegalArgumentException naming the registered backends
     */
    public static KernelBackendProvider provider(String name) {
        for (KernelBackendProvider p : providers()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown kernel backend '" + name + "'; known: "
                + String.join(", ", names()));
    }

    /** Empty when {@code name} can be created here; otherwise the reason and the fix. */
    public static Optional<String> unavailableReason(String name) {
        try {
            Availability a = provider(name).availability();
            return a.available() ? Optional.empty() : Optional.of(a.reason() + "; fix: " + a.fix());
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Creates a backend; close it to stop its threads.
     *
     * @param name    a registered name
     * @param threads threads one kernel call may use, at least 1 (the scalar backend always uses 1)
     * @throws IllegalArgumentException for an unknown name or {@code threads < 1}
     * @throws IllegalStateException    when the backend cannot run here (the message says why and the fix)
     */
    public static Kernels create(String name, int threads) {
        checkThreads(threads);
        KernelBackendProvider p = provider(name);
        requireAvailable(p);
        return p.create(threads);
    }

    /** Throws {@link IllegalArgumentException} unless {@code threads >= 1}; for providers' {@code create}. */
    public static void checkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /**
     * Throws {@link IllegalStateException} with the reason and the fix when {@code p} cannot run;
     * for providers' {@code create}.
     */
    public static void requireAvailable(KernelBackendProvider p) {
        Availability a = p.availability();
        if (!a.available()) {
            throw new IllegalStateException("kernel backend '" + p.name() + "' unavailable: " + a.reason()
                    + "; fix: " + a.fix());
        }
    }
}
