package dev.plumbline.harness.generate;

import dev.plumbline.engines.StageConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/** The registry of {@link GeneratorProvider}s, found through {@link ServiceLoader}. */
public final class Generators {
    /** What {@link StageConfig#stage()} says for generators. */
    public static final String STAGE = "generator";
    /** Keys every generator takes: {@code contexts}, how many of the cell's top hits it reads (default 3). */
    public static final Set<String> COMMON_KEYS = Set.of("contexts");
    /** Contexts handed to a generator when {@code contexts} is not given. */
    public static final int DEFAULT_CONTEXTS = 3;

    private Generators() {
    }

    /** A generator entry. */
    public static StageConfig config(String name, String type, String keyPath, Map<String, String> options) {
        return new StageConfig(STAGE, name, type, keyPath, options);
    }

    /** Every provider on the class path, by name. */
    public static List<GeneratorProvider> providers() {
        List<GeneratorProvider> all = new ArrayList<>();
        ServiceLoader.load(GeneratorProvider.class, Generators.class.getClassLoader()).forEach(all::add);
        all.sort(Comparator.comparing(GeneratorProvider::name));
        return all;
    }

    /** The providers' names, comma-separated, for messages. */
    public static String names() {
        return providers().stream().map(GeneratorProvider::name).collect(Collectors.joining(", "));
    }

    /**
     * The provider named {@code name}.
     *
     * @throws IllegalArgumentException naming the known generators when none has that name
     */
    public static GeneratorProvider provider(String name) {
        for (GeneratorProvider p : providers()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown generator type '" + name + "'; known: " + names());
    }

    /** The contexts a generator reads per question. */
    public static int contexts(StageConfig config) {
        return config.intValue("contexts", DEFAULT_CONTEXTS, 1, 100);
    }

    /**
     * Checks {@code config} with its provider.
     *
     * @throws IllegalArgumentException naming the key path
     */
    public static void check(StageConfig config) {
        GeneratorProvider p;
        try {
            p = provider(config.type());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.keyPath("type") + ": " + e.getMessage(), e);
        }
        contexts(config);
        p.check(config);
    }

    /** Checks {@code config}, then opens it. */
    public static Generator open(StageConfig config) {
        check(config);
        return provider(config.type()).open(config);
    }
}
