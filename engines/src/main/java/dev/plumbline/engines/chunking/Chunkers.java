package dev.plumbline.engines.chunking;

import dev.plumbline.engines.StageConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The registry of {@link ChunkerProvider}s, found through {@link ServiceLoader}. */
public final class Chunkers {
    /** The type (and name) of the unchunked baseline: documents are retrieved whole, as before chunking existed. */
    public static final String NONE = "none";
    /** What {@link StageConfig#stage()} says for chunkers. */
    public static final String STAGE = "chunker";
    /**
     * Keys every chunking entry takes besides its chunker's: {@code aggregate} (maxp, firstp,
     * sump) and {@code depth} (chunks retrieved per query before aggregating).
     */
    public static final java.util.Set<String> RETRIEVAL_KEYS = java.util.Set.of("aggregate", "depth");

    private Chunkers() {
    }

    /** A chunking entry. */
    public static StageConfig config(String name, String type, String keyPath, java.util.Map<String, String> options) {
        return new StageConfig(STAGE, name, type, keyPath, options);
    }

    /** Whether {@code config} is the unchunked baseline. */
    public static boolean none(StageConfig config) {
        return NONE.equals(config.type());
    }

    /** Every provider on the class path, by name. */
    public static List<ChunkerProvider> providers() {
        List<ChunkerProvider> all = new ArrayList<>();
        ServiceLoader.load(ChunkerProvider.class, Chunkers.class.getClassLoader()).forEach(all::add);
        all.sort(Comparator.comparing(ChunkerProvider::name));
        return all;
    }

    /** The providers' names and {@code none}, comma-separated, for messages. */
    public static String names() {
        return providers().stream().map(ChunkerProvider::name).collect(Collectors.joining(", ")) + ", "
                + Chunkers.NONE;
    }

    /**
     * The provider named {@code name}.
     *
     * @throws IllegalArgumentException naming the known chunkers when none has that name
     */
    public static ChunkerProvider provider(String name) {
        for (ChunkerProvider p : providers()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown chunker type '" + name + "'; known: " + names());
    }

    /**
     * Checks {@code config} with its provider, and the aggregation keys every entry takes.
     *
     * @throws IllegalArgumentException naming the key path
     */
    public static void check(StageConfig config) {
        dev.plumbline.engines.retrieval.ChunkAggregation.of(config);
        config.intValue("depth", 0, 1, 10_000_000);
        if (none(config)) {
            config.checkKnown(RETRIEVAL_KEYS);
            return;
        }
        ChunkerProvider p;
        try {
            p = provider(config.type());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.keyPath("type") + ": " + e.getMessage(), e);
        }
        p.check(config);
    }

    /** Checks {@code config}, then builds it. */
    public static Chunker open(StageConfig config, ChunkerContext context) {
        check(config);
        if (none(config)) {
            throw new IllegalArgumentException(config.keyPath() + ": 'none' retrieves whole documents; it has no chunker");
        }
        return provider(config.type()).open(config, context);
    }
}
