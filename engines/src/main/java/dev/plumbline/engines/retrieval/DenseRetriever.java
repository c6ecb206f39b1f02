package dev.plumbline.engines.retrieval;

import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineIdentity;
import dev.plumbline.engines.EngineMemory;
import dev.plumbline.engines.index.SearchResults;
import dev.plumbline.engines.index.VectorIndex;
import dev.plumbline.engines.model.ModelSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An encoder and a vector index over its document vectors (see {@link DenseRetrieverProvider}). */
final class DenseRetriever implements Retriever {
    private final String name;
    private final Engine engine;
    private final ModelSpec spec;
    private final VectorIndex index;
    private final double buildMs;
    private final int threads;
    private final int batch;
    private final BatchEncoder encoder;

    DenseRetriever(String name, Engine engine, ModelSpec spec, VectorIndex index, double buildMs, int threads, int batch,
                   BatchEncoder encoder) {
        this.name = name;
        this.engine = engine;
        this.spec = spec;
        this.index = index;
        this.buildMs = buildMs;
        this.threads = threads;
        this.batch = batch;
        this.encoder = encoder;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "dense";
    }

    @Override
    public String describe() {
        return "dense " + spec.name() + " on " + engine.name() + ", index " + index.describe();
    }

    @Override
    public long bytes() {
        return index.bytes();
    }

    @Override
    public double buildMillis() {
        return buildMs;
    }

    @Override
    public Map<String, String> details() {
        EngineIdentity id = engine.identity();
        Map<String, String> d = new LinkedHashMap<>();
        d.put("retriever", describe());
        d.put("engine", id.engine() + " " + id.version() + " (" + id.backend() + ")");
        d.put("model", spec.name());
        d.put("tokenizer_sha256", id.tokenizerSha256());
        d.put("threads", Integer.toString(threads));
        d.put("batch_size", Integer.toString(batch));
        d.put("max_seq_length", Integer.toString(spec.maxTokens()));
        d.put("index", index.describe() + (index.exact() ? " (exact inner product)" : ""));
        return d;
    }

    @Override
    public String kernelBackend() {
        return engine.kernelBackend();
    }

    @Override
    public String modelSource() {
        return spec.source().describe();
    }

    @Override
    public String modelSha256() {
        return engine.identity().modelSha256();
    }

    @Override
    public EngineMemory engineMemory() {
        return engine.memory();
    }

    @Override
    public Hits search(String query, int k) {
        long s0 = System.nanoTime();
        float[] v = engine.encode(List.of(query), true)[0];
        long s1 = System.nanoTime();
        SearchResults r = index.search(new float[][] {v}, Math.min(k, index.size()), 1);
        long s2 = System.nanoTime();
        Map<String, Long> stages = new LinkedHashMap<>();
        stages.put("query_encode", s1 - s0);
        stages.put("search", s2 - s1);
        return hits(r, 0, stages);
    }

    @Override
    public List<Hits> searchAll(List<String> queries, int k, int threads) {
        if (queries.isEmpty()) {
            return List.of();
        }
        float[][] vectors = encoder.encode(engine, queries, true, name + " queries");
        SearchResults r = index.search(vectors, Math.min(k, index.size()), threads);
        List<Hits> out = new ArrayList<>(queries.size());
        for (int q = 0; q < queries.size(); q++) {
            out.add(hits(r, q, Map.of()));
        }
        return out;
    }

    private static Hits hits(SearchResults r, int q, Map<String, Long> stages) {
        float[] s = r.scores()[q];
        double[] scores = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            scores[i] = s[i];
        }
        return new Hits(r.ids()[q], scores, stages);
    }

    @Override
    public void close() {
        engine.close();
    }
}
