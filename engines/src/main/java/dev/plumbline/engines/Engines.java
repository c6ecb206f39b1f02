package dev.plumbline.engines;

import dev.plumbline.engines.jvm.KernelEngineProvider;
import dev.plumbline.engines.kernels.KernelBackendProvider;
import dev.plumbline.engines.kernels.KernelBackends;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The engine registry: every {@link EngineProvider} registered with {@link ServiceLoader}, plus
 * the pure-Java encoder on every registered kernel backend ({@link KernelEngineProvider}); and
 * the one place that decides what {@value #AUTO} means.
 */
public final class Engines {
    /** The engine name that asks for the best available full-precision engine. */
    public static final String AUTO = "auto";

    private static final AtomicBoolean AUTO_LOGGED = new AtomicBoolean();

    private Engines() {
    }

    /** All registered providers, sorted by name. */
    public static List<EngineProvider> providers() {
        List<EngineProvider> all = new ArrayList<>();
        ServiceLoader.load(EngineProvider.class).forEach(all::add);
        for (KernelBackendProvider b : KernelBackends.providers()) {
            all.add(new KernelEngineProvider(b));
        }
        all.sort(Comparator.comparing(EngineProvider::name));
        return all;
    }

    /**
     * The provider called {@code name}; {@value #AUTO} resolves to {@link #auto()}, and the
     * choice is printed once per process on standard error (results record the chosen name).
     *
     * @throws IllegalArgumentException naming the registered engines
     */
    public static EngineProvider provider(String name) {
        if (AUTO.equals(name)) {
            AutoChoice c = auto();
            if (AUTO_LOGGED.compareAndSet(false, true)) {
                System.err.println("plumbline: engine " + c.reason());
            }
            return c.provider();
        }
        List<EngineProvider> all = providers();
        for (EngineProvider p : all) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + name + "'; registered engines: "
                + all.stream().map(EngineProvider::name).collect(Collectors.joining(", ")) + " (or " + AUTO + ")");
    }

    /**
     * What {@code auto} chose and why.
     *
     * @param provider the chosen engine
     * @param reason   one line: the choice and what was passed over
     */
    public record AutoChoice(EngineProvider provider, String reason) {
    }

    /**
     * The available engine with the highest {@link EngineProvider#autoRank()}; quantized engines
     * and oracles never qualify. Falls back to {@code scalar} (always available) with the reason.
     */
    public static AutoChoice auto() {
        List<EngineProvider> candidates = providers().stream()
                .filter(p -> p.autoRank() != KernelBackendProvider.NEVER_AUTO)
                .sorted(Comparator.comparingInt(EngineProvider::autoRank).reversed())
                .toList();
        List<String> skipped = new ArrayList<>();
        for (EngineProvider p : candidates) {
            Availability a = p.availability();
            if (a.available()) {
                String rest = skipped.isEmpty() ? "" : "; unavailable: " + String.join(", ", skipped);
                return new AutoChoice(p, "auto = " + p.name() + " (best available full-precision engine" + rest + ")");
            }
            skipped.add(p.name() + " (" + a.reason() + ")");
        }
        return new AutoChoice(provider(KernelBackends.SCALAR), "auto = scalar (no faster engine available: "
                + String.join(", ", skipped) + ")");
    }
}
