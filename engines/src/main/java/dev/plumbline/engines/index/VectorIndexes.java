package dev.plumbline.engines.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The registry of {@link VectorIndexProvider}s, found through {@link ServiceLoader}. */
public final class VectorIndexes {
    private VectorIndexes() {
    }

    /** Every provider on the class path, by name. */
    public static List<VectorIndexProvider> providers() {
        List<VectorIndexProvider> all = new ArrayList<>();
        ServiceLoader.load(VectorIndexProvider.class, VectorIndexes.class.getClassLoader()).forEach(all::add);
        all.sort(Comparator.comparing(VectorIndexProvider::name));
        return all;
    }

    /**
     * The provider named {@code name}.
     *
     * @throws IllegalArgumentException naming the known indexes when there is none by that name
     */
    public static VectorIndexProvider provider(String name) {
        List<VectorIndexProvider> all = providers();
        for (VectorIndexProvider p : all) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown index '" + name + "'; known: "
                + all.stream().map(VectorIndexProvider::name).collect(Collectors.joining(", ")));
    }

    /**
     * Builds the index {@code name} with {@code options} (checked against its option names first)
     * over {@code vectors}.
     *
     * @throws IllegalArgumentException for an unknown index or option, or an unavailable index
     */
    public static VectorIndex build(String name, float[][] vectors, IndexOptions options, int threads) {
        VectorIndexProvider provider = provider(name);
        if (!provider.availability().available()) {
            throw new IllegalArgumentException("index '" + name + "' is " + provider.availability().describe());
        }
        options.checkKnown(name, provider.optionNames());
        return provider.build(vectors, options, threads);
    }
}
