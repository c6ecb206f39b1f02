package dev.plumbline.engines.retrieval;

import dev.plumbline.engines.Availability;

import java.io.IOException;
import java.util.Set;

/**
 * A kind of retriever, found through {@link java.util.ServiceLoader} (see {@link Retrievers}) by
 * its {@link #name()}, as {@code type:} in an experiment's {@code retrievers:} and
 * {@code --retriever} on the command line name it.
 */
public interface RetrieverProvider {

    /** Name users select it by: {@code dense}, {@code bm25}, {@code hybrid}. */
    String name();

    /** One line on what it is. */
    String describe();

    /** Whether it can run here; when not, the reason and the fix. */
    default Availability availability() {
        return Availability.yes();
    }

    /** The option keys it understands ({@code index} admits {@code index.*}). */
    Set<String> optionNames();

    /**
     * Checks a configuration without building anything, so an experiment fails before it runs:
     * unknown keys, values out of range, unknown models, engines or indexes.
     *
     * @throws IllegalArgumentException naming the key path and what is allowed
     */
    default void check(RetrieverConfig config) {
        config.checkKnown(optionNames());
        if (!config.parts().isEmpty()) {
            throw new IllegalArgumentException(config.keyPath() + ": a " + name() + " retriever fuses nothing;"
                    + " only hybrid takes 'of'");
        }
    }

    /**
     * Builds the retriever over {@code corpus}; the caller owns and closes it.
     *
     * @param context how to encode texts in bulk and open the parts of a hybrid
     * @throws IOException when a model or index cannot be read or written
     */
    Retriever open(RetrieverConfig config, Corpus corpus, RetrieverContext context) throws IOException;
}
