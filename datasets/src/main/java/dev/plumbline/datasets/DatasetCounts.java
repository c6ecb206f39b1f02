package dev.plumbline.datasets;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a dataset holds; recorded with every result and part of the fingerprint.
 *
 * @param docs        corpus documents
 * @param queries     queries (for BEIR: those with judgments in the loaded split)
 * @param judgments   relevance judgments (qrels lines)
 * @param runResults  lines of a TREC run (0 unless a run was loaded)
 * @param samples     RAG samples
 * @param labels      samples per label: {@code faithful}, {@code hallucinated}, {@code unlabelled}
 *                    (only those present)
 */
public record DatasetCounts(long docs, long queries, long judgments, long runResults, long samples,
                            SortedMap<String, Long> labels) {
    /** Copies the label counts. */
    public DatasetCounts {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** Samples with the given label ({@code faithful}, {@code hallucinated} or {@code unlabelled}). */
    public long label(String name) {
        return labels.getOrDefault(name, 0L);
    }
}
