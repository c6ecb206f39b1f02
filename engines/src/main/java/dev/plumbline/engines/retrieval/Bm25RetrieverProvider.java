package dev.plumbline.engines.retrieval;

import java.io.IOException;
import java.util.Set;

/**
 * {@code bm25}: Lucene's {@code BM25Similarity} with Anserini's BEIR defaults ({@code k1} 0.9,
 * {@code b} 0.4) over {@link AnseriniEnglishAnalyzer} tokens of title and text as one field, in
 * memory; {@code threads} searches queries in parallel where a caller asks for all at once.
 */
public final class Bm25RetrieverProvider implements RetrieverProvider {
    /** Anserini's BM25 parameters for BEIR. */
    public static final double DEFAULT_K1 = 0.9;
    public static final double DEFAULT_B = 0.4;

    @Override
    public String name() {
        return "bm25";
    }

    @Override
    public String describe() {
        return "Lucene BM25 (k1 0.9, b 0.4), Anserini's English analysis, in memory";
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("k1", "b", "threads");
    }

    @Override
    public void check(RetrieverConfig c) {
        RetrieverProvider.super.check(c);
        c.doubleValue("k1", DEFAULT_K1, 0, 1000);
        c.doubleValue("b", DEFAULT_B, 0, 1);
        DenseRetrieverProvider.threads(c);
    }

    @Override
    public Retriever open(RetrieverConfig c, Corpus corpus, RetrieverContext context) throws IOException {
        return Bm25Retriever.build(c.name(), corpus, (float) c.doubleValue("k1", DEFAULT_K1, 0, 1000),
                (float) c.doubleValue("b", DEFAULT_B, 0, 1), DenseRetrieverProvider.threads(c));
    }
}
