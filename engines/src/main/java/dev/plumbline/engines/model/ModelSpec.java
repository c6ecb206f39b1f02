package dev.plumbline.engines.model;

import java.io.IOException;

/**
 * An embedding model: where its files are and how its outputs become sentence vectors.
 *
 * @param name          registry name, e.g. {@code minilm-l6}
 * @param description   the upstream model, e.g. {@code sentence-transformers/all-MiniLM-L6-v2}
 * @param source        where the .onnx and tokenizer.json come from
 * @param pooling       mean over the attention mask, or CLS
 * @param normalize     whether sentence vectors are scaled to unit L2 norm
 * @param maxTokens     truncation length including {@code [CLS]} and {@code [SEP]}
 * @param queryPrefix   text put before each query (instruction or {@code "query: "}), may be empty
 * @param passagePrefix text put before each passage, may be empty
 */
public record ModelSpec(String name, String description, ModelSource source, Pooling pooling, boolean normalize,
                        int maxTokens, String queryPrefix, String passagePrefix) {

    /** Checks the arguments. */
    public ModelSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank");
        }
        if (maxTokens < 3) {
            throw new IllegalArgumentException("maxTokens must be at least 3 ([CLS], one token, [SEP]), got " + maxTokens);
        }
        queryPrefix = queryPrefix == null ? "" : queryPrefix;
        passagePrefix = passagePrefix == null ? "" : passagePrefix;
    }

    /** The text the tokenizer sees: {@code text} with the query or passage prefix. */
    public String input(String text, boolean query) {
        return (query ? queryPrefix : passagePrefix) + text;
    }

    /** Reads the model's files. */
    public ModelFiles load() throws IOException {
        return source.load();
    }

    /** This spec with another truncation length. */
    public ModelSpec withMaxTokens(int tokens) {
        return new ModelSpec(name, description, source, pooling, normalize, tokens, queryPrefix, passagePrefix);
    }
}
