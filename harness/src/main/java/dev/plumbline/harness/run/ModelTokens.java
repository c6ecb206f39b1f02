package dev.plumbline.harness.run;

import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.EngineProvider;
import dev.plumbline.engines.chunking.ChunkerContext;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.model.ModelSpec;
import dev.plumbline.engines.retrieval.BatchEncoder;
import dev.plumbline.engines.retrieval.DenseRetrieverProvider;
import dev.plumbline.engines.retrieval.RetrieverConfig;
import dev.plumbline.engines.tokenizer.WordPieceTokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The model a retrieval cell reads texts with: a dense retriever's own (a hybrid's first dense
 * part), for the others {@code minilm-l6} on {@code simd}. It gives the chunkers their
 * {@link ChunkerContext} (token counts for {@code fixed}, sentence vectors for {@code semantic},
 * through the cell's cached encoder) and counts the texts the model's token limit truncates.
 * The engine is opened only when a chunker asks for vectors; closing releases it.
 */
public final class ModelTokens implements AutoCloseable {
    private final ModelSpec spec;
    private final RetrieverConfig dense;
    private final boolean own;
    private final WordPieceTokenizer tokenizer;
    private final BatchEncoder encoder;
    private Engine engine;

    private ModelTokens(ModelSpec spec, RetrieverConfig dense, boolean own, BatchEncoder encoder) {
        this.spec = spec;
        this.dense = dense;
        this.own = own;
        this.encoder = encoder;
        try {
            this.tokenizer = spec.load().tokenizer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokenizer of " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** The model of {@code config}'s retriever, encoding through {@code encoder}. */
    public static ModelTokens of(RetrieverConfig config, BatchEncoder encoder) {
        RetrieverConfig dense = denseOf(config);
        if (dense != null) {
            return new ModelTokens(DenseRetrieverProvider.modelSpec(dense), dense, true, encoder);
        }
        RetrieverConfig fallback = new RetrieverConfig(config.name(), "dense", config.keyPath(),
                java.util.Map.of("model", "minilm-l6", "engine", "simd"), List.of());
        return new ModelTokens(ModelRegistry.get("minilm-l6"), fallback, false, encoder);
    }

    private static RetrieverConfig denseOf(RetrieverConfig c) {
        if (c.type().equals("dense")) {
            return c;
        }
        for (RetrieverConfig p : c.parts()) {
            RetrieverConfig d = denseOf(p);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /** Whether the retriever itself reads texts with this model (a BM25 retriever does not). */
    public boolean own() {
        return own;
    }

    /** Tokens of {@code text} as the model reads it, special tokens and passage prefix included, untruncated. */
    public int tokens(String text) {
        return tokenizer.tokenize(spec.input(text, false)).length + tokenizer.prefixIds().length
                + tokenizer.suffixIds().length;
    }

    /** How many of {@code texts} are longer than the model's token limit. */
    public long truncated(List<String> texts) {
        return texts.stream().filter(t -> tokens(t) > spec.maxTokens()).count();
    }

    /** The model's token limit. */
    public int maxTokens() {
        return spec.maxTokens();
    }

    /** What the chunkers may use: this model's token counts and vectors. */
    public ChunkerContext chunkerContext() {
        return new ChunkerContext(spec.name(), t -> tokenizer.tokenize(t).length, texts -> {
            if (engine == null) {
                EngineProvider p = DenseRetrieverProvider.engine(dense);
                try {
                    engine = p.open(spec, new EngineOptions(dense.intValue("threads",
                            Runtime.getRuntime().availableProcessors(), 1, 1024), dense.intValue("batch_size", 32, 1, 4096)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open " + p.name() + " for the semantic chunker: "
                            + e.getMessage(), e);
                }
            }
            return encoder.encode(engine, texts, false, spec.name() + " sentences");
        });
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
