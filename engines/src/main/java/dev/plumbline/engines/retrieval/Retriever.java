package dev.plumbline.engines.retrieval;

import dev.plumbline.engines.EngineMemory;

import java.util.List;
import java.util.Map;

/**
 * A built retriever over one {@link Corpus}: query text in, ranked corpus ordinals out. Dense
 * (encoder + vector index), BM25 and hybrid (a {@link Fusion} over other retrievers) are the
 * providers; each says what it is, how many bytes its index holds (measured) and how long the
 * build took. The caller owns it and closes it. Not thread-safe unless a provider says so;
 * {@link #searchAll} is the parallel path.
 */
public interface Retriever extends AutoCloseable {

    /** The label results use, as configured. */
    String name();

    /** The provider's name: {@code dense}, {@code bm25}, {@code hybrid}. */
    String type();

    /** Everything that changes its rankings in one line, e.g. {@code bm25 k1=0.9 b=0.4 analyzer=anserini-english}. */
    String describe();

    /** Bytes its index holds (vectors, postings, parts together): measured. */
    long bytes();

    /** Milliseconds the index build took (after any encoding of the corpus). */
    double buildMillis();

    /**
     * Provenance details: what ran, with which settings, in a stable key order. Dense retrievers
     * include {@code engine}, {@code model}, {@code tokenizer_sha256}, {@code index}, …
     */
    Map<String, String> details();

    /** The kernel backend its encoder computes with, or {@code ""} when none. */
    default String kernelBackend() {
        return "";
    }

    /** Where its model came from, or {@code ""} when it has none. */
    default String modelSource() {
        return "";
    }

    /** The SHA-256 of its model file, or {@code ""} when it has none. */
    default String modelSha256() {
        return "";
    }

    /** The memory its encoder holds now (ask after the work), or {@link EngineMemory#NOT_REPORTED}. */
    default EngineMemory engineMemory() {
        return EngineMemory.NOT_REPORTED;
    }

    /**
     * Counts a retriever keeps about its own work for the results' run values, e.g. a query
     * rewriter's failed LLM calls ({@code rewrite.failed}); ask after the work. Empty by default.
     */
    default Map<String, Double> runValues() {
        return Map.of();
    }

    /**
     * The top {@code k} for one query, as a user sends it (one query per call), every stage
     * timed into {@link Hits#stageNanos()}.
     */
    Hits search(String query, int k);

    /**
     * The top {@code k} for every query, as fast as the retriever can (batched encoding, queries
     * in parallel on {@code threads}); rankings equal {@link #search}'s. Stage times are not kept.
     */
    default List<Hits> searchAll(List<String> queries, int k, int threads) {
        return queries.stream().map(q -> search(q, k)).toList();
    }

    /** Releases engines and indexes. */
    @Override
    void close();
}
