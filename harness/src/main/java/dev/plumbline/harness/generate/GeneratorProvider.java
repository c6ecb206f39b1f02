package dev.plumbline.harness.generate;

import dev.plumbline.engines.StageConfig;

import java.util.Set;

/**
 * A kind of generator, found through {@link java.util.ServiceLoader} (see {@link Generators}) by
 * its {@link #name()}, as {@code type:} in an experiment's {@code generators:} names it.
 */
public interface GeneratorProvider {

    /** Name users select it by. */
    String name();

    /** One line on what it is. */
    String describe();

    /** The option keys it understands, besides {@link Generators#COMMON_KEYS}. */
    Set<String> optionNames();

    /**
     * Checks a configuration without opening anything (an API key's presence included), so an
     * experiment fails before it runs.
     *
     * @throws IllegalArgumentException naming the key path and what is allowed
     */
    default void check(StageConfig config) {
        java.util.Set<String> known = new java.util.HashSet<>(optionNames());
        known.addAll(Generators.COMMON_KEYS);
        config.checkKnown(known);
    }

    /** Builds the generator. */
    Generator open(StageConfig config);
}
