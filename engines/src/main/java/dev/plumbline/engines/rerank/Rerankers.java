package dev.plumbline.engines.rerank;

import dev.plumbline.engines.StageConfig;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/** The registry of {@link RerankerProvider}s, found through {@link ServiceLoader}. */
public final class Rerankers {
    /** What {@link StageConfig#stage()} says for rerankers. */
    public static final String STAGE = "reranker";
    /** Keys every reranker takes: {@code depth}, the first-stage hits it reorders (default {@value #DEFAULT_DEPTH}). */
    public static final Set<String> COMMON_KEYS = Set.of("depth");
    /** Candidates reranked per query without {@code depth}. */
    public static final int DEFAULT_DEPTH = 100;

    private Rerankers() {
    }

    /** A reranker entry. */
    public static StageConfig config(String name, String type, String keyPath, Map<String, String> options) {
        return new StageConfig(STAGE, name, type, keyPath, options);
    }

    /** Every provider on the class path, by name. */
    public static List<RerankerProvider> providers() {
        List<RerankerProvider> all = new ArrayList<>();
        ServiceLoader.load(RerankerProvider.class, Rerankers.class.getClassLoader()).forEach(all::add);
        all.sort(Comparator.comparing(RerankerProvider::name));
        return all;
    }

    /** The providers' names, comma-separated, for messages. */
    public static String names() {
        return providers().stream().map(RerankerProvider::name).collect(Collectors.joining(", "));
    }

    /**
     * The provider named {@code name}.
     *
     * @throws IllegalArgumentException naming the known rerankers when none has that name
     */
    public static RerankerProvider provider(String name) {
        for (RerankerProvider p : providers()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown reranker type '" + name + "'; known: " + names());
    }

    /** The first-stage hits a reranker reorders per query. */
    public static int depth(StageConfig config) {
        return config.intValue("depth", DEFAULT_DEPTH, 1, 100_000);
    }

    /**
     * Checks {@code config} with its provider.
     *
     * @throws IllegalArgumentException naming the key path
     */
    public static void check(StageConfig config) {
        RerankerProvider p;
        try {
            p = provider(config.type());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.keyPath("type") + ": " + e.getMessage(), e);
        }
        depth(config);
        p.check(config);
    }

    /** Checks {@code config}, then opens it. */
    public static Reranker open(StageConfig config) throws IOException {
        check(config);
        return provider(config.type()).open(config);
    }
}
