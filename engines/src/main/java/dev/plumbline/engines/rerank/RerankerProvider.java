package dev.plumbline.engines.rerank;

import dev.plumbline.engines.StageConfig;

import java.io.IOException;
import java.util.Set;

/**
 * A kind of reranker, found through {@link java.util.ServiceLoader} (see {@link Rerankers}) by its
 * {@link #name()}, as {@code type:} in an experiment's {@code rerankers:} names it.
 */
public interface RerankerProvider {

    /** Name users select it by. */
    String name();

    /** One line on what it is. */
    String describe();

    /** The option keys it understands, besides {@link Rerankers#COMMON_KEYS}. */
    Set<String> optionNames();

    /**
     * Checks a configuration without opening anything.
     *
     * @throws IllegalArgumentException naming the key path and what is allowed
     */
    default void check(StageConfig config) {
        java.util.Set<String> known = new java.util.HashSet<>(optionNames());
        known.addAll(Rerankers.COMMON_KEYS);
        config.checkKnown(known);
    }

    /** Builds the reranker. */
    Reranker open(StageConfig config) throws IOException;
}
