package dev.plumbline.engines;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The engine registry: every {@link EngineProvider} registered with {@link ServiceLoader}. */
public final class Engines {
    private Engines() {
    }

    /** All registered providers, sorted by name. */
    public static List<EngineProvider> providers() {
        List<EngineProvider> all = new ArrayList<>();
        ServiceLoader.load(EngineProvider.class).forEach(all::add);
        all.sort(Comparator.comparing(EngineProvider::name));
        return all;
    }

    /**
     * The provider called {@code name}.
     *
     * @throws IllegalArgumentException naming the registered engines
     */
    public static EngineProvider provider(String name) {
        List<EngineProvider> all = providers();
        for (EngineProvider p : all) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + name + "'; registered engines: "
                + all.stream().map(EngineProvider::name).collect(Collectors.joining(", ")));
    }
}
