package dev.plumbline.engines.index;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One Lucene index in memory ({@link ByteBuffersDirectory}) holding every vector as a
 * {@link KnnFloatVectorField}, force-merged into one segment so there is one HNSW graph (a search
 * over several segments visits several graphs and its recall and speed depend on how the flushes
 * fell). See {@link LuceneHnswIndexProvider} for the options.
 *
 * <p>Similarity is {@code DOT_PRODUCT} when every vector has unit length (what it is for; Lucene then
 * scores {@code (1 + dot) / 2}) and {@code MAXIMUM_INNER_PRODUCT} otherwise; scores are mapped back to
 * the inner product, so they compare with the other indexes. Each document carries its ordinal as a
 * doc value, so hits map back to ordinals whatever order the merge left the documents in.
 */
final class LuceneHnswIndex implements VectorIndex {
    private static final String FIELD = "v";
    private static final String ORDINAL = "ord";

    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final int[] ordinalOfDoc;
    private final int dim;
    private final int size;
    private final int m;
    private final int beamWidth;
    private final int efSearch;
    private final String quantization;
    private final boolean rescore;
    private final VectorSimilarityFunction similarity;

    private LuceneHnswIndex(Directory directory, int dim, int size, int m, int beamWidth, int efSearch,
                            String quantization, boolean rescore, VectorSimilarityFunction similarity)
            throws IOException {
        this.directory = directory;
        this.reader = DirectoryReader.open(directory);
        this.searcher = new IndexSearcher(reader);
        this.dim = dim;
        this.size = size;
        this.m = m;
        this.beamWidth = beamWidth;
        this.efSearch = efSearch;
        this.quantization = quantization;
        this.rescore = rescore;
        this.similarity = similarity;
        if (reader.leaves().size() != 1) {
            throw new IllegalStateException("expected one segment after forceMerge(1), got " + reader.leaves().size());
        }
        LeafReader leaf = reader.leaves().getFirst().reader();
        this.ordinalOfDoc = new int[leaf.maxDoc()];
        NumericDocValues ords = leaf.getNumericDocValues(ORDINAL);
        for (int doc = ords.nextDoc(); doc != NumericDocValues.NO_MORE_DOCS; doc = ords.nextDoc()) {
            ordinalOfDoc[doc] = (int) ords.longValue();
        }
    }

    static LuceneHnswIndex build(float[][] vectors, int m, int beamWidth, int efSearch, String quantization,
                                 boolean rescore, int threads) {
        int dim = vectors[0].length;
        VectorSimilarityFunction similarity = allUnitLength(vectors)
                ? VectorSimilarityFunction.DOT_PRODUCT : VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
        // Lucene refuses an executor with one merge worker.
        ExecutorService merges = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "plumbline-hnsw-merge");
            t.setDaemon(true);
            return t;
        }) : null;
        Directory directory = new ByteBuffersDirectory();
        try {
            IndexWriterConfig config = new IndexWriterConfig()
                    .setCodec(LuceneHnswIndexProvider.codec(m, beamWidth, quantization, threads, merges))
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    // Few large flushes, merged in order (LogDocMergePolicy merges adjacent segments only).
                    .setRAMBufferSizeMB(1024)
                    .setMergePolicy(new LogDocMergePolicy());
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                int parts = Math.max(1, Math.min(threads, vectors.length / 10_000 + 1));
                Parallel.run(parts, part -> {
                    // Several indexing threads build several segment graphs at once; the merge joins them.
                    try {
                        for (int d = Parallel.split(vectors.length, parts, part);
                             d < Parallel.split(vectors.length, parts, part + 1); d++) {
                            Document doc = new Document();
                            doc.add(new KnnFloatVectorField(FIELD, vectors[d], similarity));
                            doc.add(new NumericDocValuesField(ORDINAL, d));
                            writer.addDocument(doc);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                writer.forceMerge(1);
                writer.commit();
            }
            return new LuceneHnswIndex(directory, dim, vectors.length, m, beamWidth, efSearch, quantization, rescore,
                    similarity);
        } catch (IOException e) {
            throw new UncheckedIOException("building the Lucene HNSW index failed: " + e.getMessage(), e);
        } finally {
            if (merges != null) {
                merges.shutdown();
            }
        }
    }

    private static boolean allUnitLength(float[][] vectors) {
        for (float[] v : vectors) {
            double n = 0;
            for (float x : v) {
                n += (double) x * x;
            }
            if (Math.abs(n - 1) > 1e-3) {
                return false;
            }
        }
        return true;
    }

    /** Lucene's score back to the inner product (inverting its {@code DOT_PRODUCT} / {@code MAXIMUM_INNER_PRODUCT} maps). */
    private float innerProduct(float luceneScore) {
        if (similarity == VectorSimilarityFunction.DOT_PRODUCT) {
            return 2 * luceneScore - 1;
        }
        return luceneScore >= 1 ? luceneScore - 1 : 1 - 1 / luceneScore;
    }

    @Override
    public String name() {
        return "lucene-hnsw";
    }

    @Override
    public String describe() {
        return "lucene-hnsw m=" + m + " beamWidth=" + beamWidth + " efSearch=" + efSearch
                + (quantization.equals("none") ? "" : " quantization=" + quantization)
                + (rescore ? " rescore=true" : "");
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public int size() {
        return size;
    }

    /** Sum of the index files' lengths in the directory (vectors, graph, quantized codes, doc values). */
    @Override
    public long bytes() {
        try {
            long b = 0;
            for (String file : directory.listAll()) {
                b += directory.fileLength(file);
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean exact() {
        return false;
    }

    private LuceneHnswIndex(LuceneHnswIndex from, int efSearch, boolean rescore) {
        this.directory = from.directory;
        this.reader = from.reader;
        this.searcher = from.searcher;
        this.ordinalOfDoc = from.ordinalOfDoc;
        this.dim = from.dim;
        this.size = from.size;
        this.m = from.m;
        this.beamWidth = from.beamWidth;
        this.quantization = from.quantization;
        this.similarity = from.similarity;
        this.efSearch = efSearch;
        this.rescore = rescore;
    }

    @Override
    public java.util.Set<String> searchOptionNames() {
        return java.util.Set.of("efSearch", "rescore");
    }

    /** The same graph searched with another {@code efSearch} or {@code rescore}: nothing is rebuilt. */
    @Override
    public VectorIndex withSearchOptions(IndexOptions options) {
        options.checkKnown(name(), searchOptionNames());
        int ef = options.intValue("efSearch", efSearch);
        if (ef < 1) {
            throw new IllegalArgumentException(options.keyPath("efSearch") + ": must be >= 1, got " + ef);
        }
        boolean r = options.booleanValue("rescore", rescore);
        if (r && quantization.equals("none")) {
            throw new IllegalArgumentException(options.keyPath("rescore") + ": only quantized formats rescore");
        }
        return new LuceneHnswIndex(this, ef, r);
    }

    @Override
    public SearchResults search(float[][] queries, int k, int threads) {
        Parallel.checkSearch(queries, k, threads, dim);
        int nq = queries.length;
        int[][] ids = new int[nq][];
        float[][] scores = new float[nq][];
        int candidates = Math.max(k, efSearch);
        int parts = Math.max(1, Math.min(threads, nq));
        Parallel.run(parts, part -> {
            try {
                // One dense segment: every document has a vector, so vector ordinal = doc id.
                FloatVectorValues raw = rescore
                        ? reader.leaves().getFirst().reader().getFloatVectorValues(FIELD).copy() : null;
                for (int q = Parallel.split(nq, parts, part); q < Parallel.split(nq, parts, part + 1); q++) {
                    TopDocs top = searcher.search(new KnnFloatVectorQuery(FIELD, queries[q], candidates), candidates);
                    TopK heap = new TopK(Math.max(1, Math.min(k, top.scoreDocs.length)));
                    for (ScoreDoc hit : top.scoreDocs) {
                        float s = raw != null
                                ? FlatIndex.sequentialDot(queries[q], raw.vectorValue(hit.doc))
                                : innerProduct(hit.score);
                        heap.offer(s, ordinalOfDoc[hit.doc]);
                    }
                    heap.drainInto(ids, scores, q);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new SearchResults(ids, scores);
    }
}
