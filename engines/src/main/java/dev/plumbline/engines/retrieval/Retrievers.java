package dev.plumbline.engines.retrieval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The registry of {@link RetrieverProvider}s, found through {@link ServiceLoader}. */
public final class Retrievers {
    /** The retriever {@code retrieve} and the {@code models} × {@code engines} shorthand use. */
    public static final String DEFAULT = "dense";

    private Retrievers() {
    }

    /** Every provider on the class path, by name. */
    public static List<RetrieverProvider> providers() {
        List<RetrieverProvider> all = new ArrayList<>();
        ServiceLoader.load(RetrieverProvider.class, Retrievers.class.getClassLoader()).forEach(all::add);
        all.sort(Comparator.comparing(RetrieverProvider::name));
        return all;
    }

    /** The providers' names, comma-separated, for messages. */
    public static String names() {
        return providers().stream().map(RetrieverProvider::name).collect(Collectors.joining(", "));
    }

    /**
     * The provider named {@code name}.
     *
     * @throws IllegalArgumentException naming the known retrievers when none has that name
     */
    public static RetrieverProvider provider(String name) {
        for (RetrieverProvider p : providers()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown retriever type '" + name + "'; known: " + names());
    }

    /**
     * Checks {@code config} with its provider (and a hybrid's parts with theirs).
     *
     * @throws IllegalArgumentException naming the key path
     */
    public static void check(RetrieverConfig config) {
        RetrieverProvider p;
        try {
            p = provider(config.type());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.keyPath() + ".type: " + e.getMessage(), e);
        }
        if (!p.availability().available()) {
            throw new IllegalArgumentException(config.keyPath() + ": retriever " + p.name() + " is "
                    + p.availability().describe());
        }
        p.check(config);
    }

    /** Checks {@code config}, then builds it over {@code corpus}. */
    public static Retriever open(RetrieverConfig config, Corpus corpus, RetrieverContext context) throws IOException {
        check(config);
        return provider(config.type()).open(config, corpus, context);
    }
}
