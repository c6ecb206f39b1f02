package dev.plumbline.engines.chunking;

import dev.plumbline.engines.StageConfig;

import java.util.Set;

/**
 * A kind of chunker, found through {@link java.util.ServiceLoader} (see {@link Chunkers}) by its
 * {@link #name()}, as {@code type:} in an experiment's {@code chunking:} and
 * {@code --chunker} on the command line name it.
 */
public interface ChunkerProvider {

    /** Name users select it by. */
    String name();

    /** One line on what it is. */
    String describe();

    /** The option keys it understands (besides {@link Chunkers#RETRIEVAL_KEYS}). */
    Set<String> optionNames();

    /**
     * Checks a configuration without chunking anything, so an experiment fails before it runs.
     *
     * @throws IllegalArgumentException naming the key path and what is allowed
     */
    default void check(StageConfig config) {
        java.util.Set<String> known = new java.util.HashSet<>(optionNames());
        known.addAll(Chunkers.RETRIEVAL_KEYS);
        config.checkKnown(known);
    }

    /** Builds the chunker; {@code context} brings the tokenizer or encoder it may need. */
    Chunker open(StageConfig config, ChunkerContext context);
}
