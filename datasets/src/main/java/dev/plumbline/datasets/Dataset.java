package dev.plumbline.datasets;

import dev.plumbline.datasets.trec.Qrels;
import dev.plumbline.datasets.trec.Run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded dataset: documents, queries, relevance judgments, a TREC run and RAG samples (each
 * possibly empty), with its counts, fingerprint and load report.
 *
 * <p>The fingerprint ({@code sha256:…}) is a SHA-256 over the normalized content (decoded field
 * values, independent of JSON escapes, key order, line endings, BOM, corpus parts or zip packaging)
 * plus the counts; see {@link DatasetBuilder} for the exact scheme. Record it with every result.
 */
public final class Dataset {
    private final String spec;
    private final String format;
    private final String split;
    private final List<Doc> docs;
    private final boolean docsRetained;
    private final List<Query> queries;
    private final Qrels qrels;
    private final Run run;
    private final List<RagSample> samples;
    private final DatasetCounts counts;
    private final String fingerprint;
    private final LoadReport report;
    private volatile Map<String, Doc> docIndex;
    private volatile Map<String, Query> queryIndex;

    Dataset(String spec, String format, String split, List<Doc> docs, boolean docsRetained, List<Query> queries,
            Qrels qrels, Run run, List<RagSample> samples, DatasetCounts counts, String fingerprint, LoadReport report) {
        this.spec = spec;
        this.format = format;
        this.split = split;
        this.docs = List.copyOf(docs);
        this.docsRetained = docsRetained;
        this.queries = List.copyOf(queries);
        this.qrels = qrels;
        this.run = run;
        this.samples = List.copyOf(samples);
        this.counts = counts;
        this.fingerprint = fingerprint;
        this.report = report;
    }

    /** The spec it was loaded from, e.g. {@code beir:data/scifact}. */
    public String spec() {
        return spec;
    }

    /** The format prefix, e.g. {@code beir}. */
    public String format() {
        return format;
    }

    /** The split loaded, or {@code null} when the format has none or all splits were loaded. */
    public String split() {
        return split;
    }

    /** Corpus documents in file order; empty when they were streamed to a consumer instead. */
    public List<Doc> docs() {
        return docs;
    }

    /** Whether {@link #docs()} holds the corpus ({@code false} after {@link Datasets#stream}). */
    public boolean docsRetained() {
        return docsRetained;
    }

    /** Queries in file order. */
    public List<Query> queries() {
        return queries;
    }

    /** Relevance judgments, or {@code null} when the dataset has none. */
    public Qrels qrels() {
        return qrels;
    }

    /** The TREC run loaded with {@code trec:QRELS,RUN}, or {@code null}. */
    public Run run() {
        return run;
    }

    /** RAG samples in file order. */
    public List<RagSample> samples() {
        return samples;
    }

    /** The counts. */
    public DatasetCounts counts() {
        return counts;
    }

    /** {@code sha256:} and 64 hex digits. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Problems, skipped records and notes from loading. */
    public LoadReport report() {
        return report;
    }

    /** The document with this id, or {@code null}. */
    public Doc doc(String id) {
        Map<String, Doc> m = docIndex;
        if (m == null) {
            m = new HashMap<>(docs.size() * 2);
            for (Doc d : docs) {
                m.put(d.id(), d);
            }
            docIndex = m;
        }
        return m.get(id);
    }

    /** The query with this id, or {@code null}. */
    public Query query(String id) {
        Map<String, Query> m = queryIndex;
        if (m == null) {
            m = new HashMap<>(queries.size() * 2);
            for (Query q : queries) {
                m.put(q.id(), q);
            }
            queryIndex = m;
        }
        return m.get(id);
    }

    @Override
    public String toString() {
        return spec + (split == null ? "" : " (split " + split + ")") + ": " + counts.docs() + " docs, "
                + counts.queries() + " queries, " + counts.judgments() + " judgments, " + counts.samples()
                + " samples, " + fingerprint;
    }
}
