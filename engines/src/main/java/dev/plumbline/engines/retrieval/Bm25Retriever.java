package dev.plumbline.engines.retrieval;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * BM25 over an in-memory Lucene index (see {@link Bm25RetrieverProvider}). Queries are built as
 * Anserini's bag of words builds them: each distinct analyzed term once, as a SHOULD clause
 * boosted by how often it occurs in the query. Thread-safe: one searcher serves every thread.
 */
final class Bm25Retriever implements Retriever {
    static final String FIELD = "contents";
    /**
     * Lucene logs at INFO, on stderr, that it uses the Vector API the moment it first loads; a
     * command's stderr is for its own progress and errors. Held here since JUL keeps loggers weakly.
     */
    private static final java.util.logging.Logger LUCENE_VECTORIZATION =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization.PanamaVectorizationProvider");

    static {
        LUCENE_VECTORIZATION.setLevel(java.util.logging.Level.WARNING);
    }

    private static final String ORDINAL = "ord";

    private final String name;
    private final float k1;
    private final float b;
    private final int threads;
    private final Analyzer analyzer;
    private final ByteBuffersDirectory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final int[] ordinals;
    private final double buildMs;
    private final long bytes;

    private Bm25Retriever(String name, float k1, float b, int threads, Analyzer analyzer, ByteBuffersDirectory directory,
                          double buildMs) throws IOException {
        this.name = name;
        this.k1 = k1;
        this.b = b;
        this.threads = threads;
        this.analyzer = analyzer;
        this.directory = directory;
        this.reader = DirectoryReader.open(directory);
        this.searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new BM25Similarity(k1, b));
        this.ordinals = ordinals(reader);
        this.buildMs = buildMs;
        long n = 0;
        // The index files' lengths: what the in-memory directory holds for postings, norms and doc values.
        for (String f : directory.listAll()) {
            n += directory.fileLength(f);
        }
        this.bytes = n;
    }

    static Bm25Retriever build(String name, Corpus corpus, float k1, float b, int threads) throws IOException {
        Analyzer analyzer = new AnseriniEnglishAnalyzer();
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        long t0 = System.nanoTime();
        IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity(k1, b))
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE).setRAMBufferSizeMB(256);
        try (IndexWriter w = new IndexWriter(dir, config)) {
            for (int i = 0; i < corpus.size(); i++) {
                Document d = new Document();
                d.add(new TextField(FIELD, corpus.texts().get(i), Field.Store.NO));
                d.add(new NumericDocValuesField(ORDINAL, i));
                w.addDocument(d);
            }
            // One segment: search visits one leaf, and the index's bytes are those of one copy.
            w.forceMerge(1);
            w.commit();
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        return new Bm25Retriever(name, k1, b, threads, analyzer, dir, ms);
    }

    /** Lucene document id → corpus ordinal, read once from the doc values each document carries. */
    private static int[] ordinals(DirectoryReader reader) throws IOException {
        int[] out = new int[reader.maxDoc()];
        for (LeafReaderContext leaf : reader.leaves()) {
            NumericDocValues v = leaf.reader().getNumericDocValues(ORDINAL);
            for (int d = 0; d < leaf.reader().maxDoc(); d++) {
                if (!v.advanceExact(d)) {
                    throw new IllegalStateException("document " + (leaf.docBase + d) + " has no ordinal");
                }
                out[leaf.docBase + d] = (int) v.longValue();
            }
        }
        return out;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "bm25";
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "bm25 k1=%s b=%s analyzer=%s", k1, b, AnseriniEnglishAnalyzer.NAME);
    }

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public double buildMillis() {
        return buildMs;
    }

    @Override
    public Map<String, String> details() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("retriever", describe());
        d.put("engine", "lucene " + org.apache.lucene.util.Version.LATEST);
        d.put("analyzer", "StandardTokenizer, EnglishPossessiveFilter, LowerCaseFilter, StopFilter(English),"
                + " PorterStemFilter (Anserini DefaultEnglishAnalyzer)");
        d.put("threads", Integer.toString(threads));
        d.put("index", "lucene in memory, one field (title + text)");
        return d;
    }

    /** The analyzed terms of {@code text}, in order (with repeats). */
    List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(FIELD, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Anserini's bag of words: each distinct term once, boosted by its count in the query. */
    Query query(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String t : terms(text)) {
            counts.merge(t, 1, Integer::sum);
        }
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        counts.forEach((t, n) -> q.add(new BoostQuery(new TermQuery(new Term(FIELD, t)), n), BooleanClause.Occur.SHOULD));
        return q.build();
    }

    @Override
    public Hits search(String query, int k) {
        long s0 = System.nanoTime();
        Hits h = run(query, k);
        long s1 = System.nanoTime();
        return new Hits(h.docs(), h.scores(), Map.of("search", s1 - s0));
    }

    private Hits run(String text, int k) {
        Query q = query(text);
        TopDocs top;
        try {
            top = searcher.search(q, Math.max(1, Math.min(k, reader.maxDoc())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new IllegalArgumentException("query has more distinct terms than Lucene's clause limit ("
                    + IndexSearcher.getMaxClauseCount() + "): " + text.substring(0, Math.min(80, text.length())), e);
        }
        int n = top.scoreDocs.length;
        int[] docs = new int[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            ScoreDoc sd = top.scoreDocs[i];
            docs[i] = ordinals[sd.doc];
            scores[i] = sd.score;
        }
        return new Hits(docs, scores, Map.of());
    }

    @Override
    public List<Hits> searchAll(List<String> queries, int k, int threads) {
        if (threads <= 1 || queries.size() < 2) {
            return queries.stream().map(q -> run(q, k)).toList();
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "plumbline-bm25-search");
            t.setDaemon(true);
            return t;
        })) {
            List<Future<Hits>> tasks = new ArrayList<>();
            for (String q : queries) {
                tasks.add(pool.submit(() -> run(q, k)));
            }
            List<Hits> out = new ArrayList<>(queries.size());
            for (Future<Hits> f : tasks) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("search interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
