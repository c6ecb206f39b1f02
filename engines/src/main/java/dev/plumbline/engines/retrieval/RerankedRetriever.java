package dev.plumbline.engines.retrieval;

import dev.plumbline.engines.EngineMemory;
import dev.plumbline.engines.rerank.Reranker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A retriever whose top {@code depth} documents a {@link Reranker} puts in a new order, scored by
 * their full text; the rest keep the first stage's order below them. Scores are the reranker's
 * for the reranked part and strictly decreasing below its lowest for the rest, so trec_eval,
 * which ranks by score, sees the same order. Candidates the reranker could not score (NaN) stay
 * after the scored ones in first-stage order.
 */
public final class RerankedRetriever implements Retriever {
    private final Retriever inner;
    private final Reranker reranker;
    private final String rerankerName;
    private final List<String> texts;
    private final int depth;

    /**
     * @param inner        the first stage; closed with this
     * @param reranker     the second stage; closed with this
     * @param rerankerName the reranker's label, for provenance
     * @param corpus       the documents, whose texts the reranker reads
     * @param depth        first-stage hits reranked per query
     */
    public RerankedRetriever(Retriever inner, Reranker reranker, String rerankerName, Corpus corpus, int depth) {
        this.inner = inner;
        this.reranker = reranker;
        this.rerankerName = rerankerName;
        this.texts = corpus.texts();
        this.depth = depth;
    }

    /** The first stage. */
    public Retriever inner() {
        return inner;
    }

    /** The reranker. */
    public Reranker reranker() {
        return reranker;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public String type() {
        return inner.type();
    }

    @Override
    public String describe() {
        return inner.describe() + ", reranked top " + depth + " by " + rerankerName + " (" + reranker.type() + ")";
    }

    @Override
    public long bytes() {
        return inner.bytes();
    }

    @Override
    public double buildMillis() {
        return inner.buildMillis();
    }

    @Override
    public Map<String, String> details() {
        Map<String, String> d = new LinkedHashMap<>(inner.details());
        d.put("reranker", rerankerName);
        d.put("rerank_depth", Integer.toString(depth));
        reranker.details().forEach((k, v) -> d.put("rerank." + k, v));
        return d;
    }

    @Override
    public String kernelBackend() {
        return inner.kernelBackend();
    }

    @Override
    public String modelSource() {
        return inner.modelSource();
    }

    @Override
    public String modelSha256() {
        return inner.modelSha256();
    }

    @Override
    public EngineMemory engineMemory() {
        return inner.engineMemory();
    }

    @Override
    public Hits search(String query, int k) {
        Hits first = inner.search(query, Math.max(k, depth));
        long t0 = System.nanoTime();
        Hits out = rerank(query, first, k);
        Map<String, Long> stages = new LinkedHashMap<>(first.stageNanos());
        stages.put("rerank", System.nanoTime() - t0);
        return new Hits(out.docs(), out.scores(), stages);
    }

    @Override
    public List<Hits> searchAll(List<String> queries, int k, int threads) {
        List<Hits> first = inner.searchAll(queries, Math.max(k, depth), threads);
        List<Hits> out = new ArrayList<>(first.size());
        for (int q = 0; q < queries.size(); q++) {
            out.add(rerank(queries.get(q), first.get(q), k));
        }
        return out;
    }

    private Hits rerank(String query, Hits first, int k) {
        int n = Math.min(depth, first.size());
        List<String> candidates = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            candidates.add(texts.get(first.docs()[i]));
        }
        double[] s = n == 0 ? new double[0] : reranker.scores(query, candidates);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> Double.isNaN(s[i]) ? 1 : 0)
                .thenComparingDouble(i -> Double.isNaN(s[i]) ? 0 : -s[i]).thenComparingInt(i -> i));
        int total = Math.min(k, first.size());
        int[] docs = new int[total];
        double[] scores = new double[total];
        double floor = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n && i < total; i++) {
            int at = order.get(i);
            docs[i] = first.docs()[at];
            if (!Double.isNaN(s[at])) {
                scores[i] = s[at];
                floor = Math.min(floor, s[at]);
            } else {
                scores[i] = Double.NaN;
            }
        }
        if (floor == Double.POSITIVE_INFINITY) {
            floor = 0;
        }
        // Unscored candidates and the unreranked rest: strictly below every reranked score, in order.
        double next = floor;
        for (int i = 0; i < total; i++) {
            if (i >= n || Double.isNaN(scores[i])) {
                next -= 1;
                docs[i] = i >= n ? first.docs()[i] : docs[i];
                scores[i] = next;
            }
        }
        return new Hits(docs, scores, Map.of());
    }

    @Override
    public void close() {
        try {
            reranker.close();
        } finally {
            inner.close();
        }
    }
}
