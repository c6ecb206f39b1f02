package dev.plumbline.engines.retrieval;

import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.EngineProvider;
import dev.plumbline.engines.Engines;
import dev.plumbline.engines.index.VectorIndex;
import dev.plumbline.engines.index.VectorIndexProvider;
import dev.plumbline.engines.index.VectorIndexes;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.model.ModelSpec;
import dev.plumbline.engines.model.Pooling;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * {@code dense}: an encoder engine ({@code engine}, default {@code simd}) running a model
 * ({@code model}, default {@code minilm-l6}, or {@code model_path} with {@code pooling} and
 * prefixes), and a vector index chosen by name through {@link VectorIndexes} ({@code index},
 * default {@code flat}, its options under {@code index.*}).
 */
public final class DenseRetrieverProvider implements RetrieverProvider {
    /** Largest thread count, sequence length and batch accepted: typos, not machines, go above them. */
    static final int MAX_THREADS = 1024;
    static final int MAX_BATCH = 4096;
    static final int MAX_SEQ_LENGTH = 8192;

    @Override
    public String name() {
        return "dense";
    }

    @Override
    public String describe() {
        return "encoder engine + vector index (" + String.join(", ",
                VectorIndexes.providers().stream().map(VectorIndexProvider::name).toList()) + ")";
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("model", "model_path", "pooling", "query_prefix", "passage_prefix", "engine", "threads",
                "batch_size", "max_seq_length", "index");
    }

    @Override
    public void check(RetrieverConfig c) {
        RetrieverProvider.super.check(c);
        modelSpec(c);
        engine(c);
        threads(c);
        c.intValue("batch_size", 32, 1, MAX_BATCH);
        VectorIndexProvider index;
        try {
            index = VectorIndexes.provider(c.indexName());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(c.keyPath("index") + ": " + e.getMessage(), e);
        }
        if (!index.availability().available()) {
            throw new IllegalArgumentException(c.keyPath("index") + ": index " + index.name() + " is "
                    + index.availability().describe());
        }
        c.indexOptions().checkKnown(index.name(), index.optionNames());
    }

    /** The engine provider, {@code auto} resolved; unknown or unavailable is an error naming the key. */
    public static EngineProvider engine(RetrieverConfig c) {
        String name = c.stringValue("engine", "simd");
        EngineProvider p;
        try {
            p = Engines.provider(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(c.keyPath("engine") + ": " + e.getMessage(), e);
        }
        if (!p.availability().available()) {
            throw new IllegalArgumentException(c.keyPath("engine") + ": engine " + p.name() + " is "
                    + p.availability().describe() + "; name another engine or fix that");
        }
        return p;
    }

    static int threads(RetrieverConfig c) {
        return c.intValue("threads", Runtime.getRuntime().availableProcessors(), 1, MAX_THREADS);
    }

    /**
     * The model a dense retriever's configuration names, truncation applied.
     *
     * @throws IllegalArgumentException naming the key path of a bad model option
     */
    public static ModelSpec modelSpec(RetrieverConfig c) {
        String path = c.stringValue("model_path", null);
        if (path != null && c.options().containsKey("model")) {
            throw new IllegalArgumentException(c.keyPath("model_path") + ": give model or model_path, not both");
        }
        // 3: [CLS], one token, [SEP]; the built-in models have 512 positions, a user's model may have more.
        int maxSeq = c.intValue("max_seq_length", 0, 3, path != null ? MAX_SEQ_LENGTH : 512);
        ModelSpec spec;
        if (path != null) {
            Pooling pooling;
            try {
                pooling = Pooling.valueOf(c.stringValue("pooling", "mean").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(c.keyPath("pooling") + ": must be mean or cls, got '"
                        + c.stringValue("pooling", "") + "'", e);
            }
            try {
                spec = ModelRegistry.fromPath(Path.of(path), pooling, true, maxSeq > 0 ? maxSeq : 512,
                        c.stringValue("query_prefix", ""), c.stringValue("passage_prefix", ""));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(c.keyPath("model_path") + ": " + e.getMessage(), e);
            }
            return spec;
        }
        for (String k : new String[] {"pooling", "query_prefix", "passage_prefix"}) {
            if (c.options().containsKey(k)) {
                throw new IllegalArgumentException(c.keyPath(k) + ": applies only with model_path; a built-in model"
                        + " brings its own pooling and prefixes");
            }
        }
        String model = c.stringValue("model", "minilm-l6");
        try {
            spec = ModelRegistry.get(model);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(c.keyPath("model") + ": " + e.getMessage(), e);
        }
        if (maxSeq > 0) {
            spec = spec.withMaxTokens(maxSeq);
        }
        return spec;
    }

    @Override
    public Retriever open(RetrieverConfig c, Corpus corpus, RetrieverContext context) throws IOException {
        ModelSpec spec = modelSpec(c);
        EngineProvider provider = engine(c);
        int threads = threads(c);
        int batch = c.intValue("batch_size", 32, 1, MAX_BATCH);
        Engine engine = provider.open(spec, new EngineOptions(threads, batch));
        try {
            float[][] vectors = context.encoder().encode(engine, corpus.texts(), false, c.name() + " documents");
            long t0 = System.nanoTime();
            VectorIndex index = VectorIndexes.build(c.indexName(), vectors, c.indexOptions(), threads);
            double buildMs = (System.nanoTime() - t0) / 1e6;
            return new DenseRetriever(c.name(), engine, spec, index, buildMs, threads, batch, context.encoder());
        } catch (RuntimeException | Error e) {
            engine.close();
            throw e;
        }
    }
}
