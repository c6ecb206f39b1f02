package dev.plumbline.engines.retrieval;

import dev.plumbline.engines.EngineMemory;
import dev.plumbline.engines.chunking.Chunk;
import dev.plumbline.engines.chunking.Chunker;
import dev.plumbline.engines.StageConfig;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Retrieval over chunks, ranked as documents: the documents are cut by a {@link Chunker}, any
 * retriever is built over the chunks, and each query's top {@code depth} chunks are aggregated per
 * document ({@link ChunkAggregation}), so the result is a document ranking scored on document
 * qrels. {@code depth} defaults to {@code k} × the most chunks any document has, capped at the
 * chunk count: enough for MaxP's top k to be exact; FirstP and SumP see the same chunks (a
 * document none of whose first chunks reaches that depth is not ranked by FirstP).
 */
public final class ChunkedRetriever implements Retriever {
    private final Retriever inner;
    private final Chunker chunker;
    private final ChunkAggregation aggregation;
    private final StageConfig config;
    private final List<Chunk> chunks;
    private final int docs;
    private final int maxPerDoc;
    private final double chunkMillis;

    private ChunkedRetriever(Retriever inner, Chunker chunker, StageConfig config, List<Chunk> chunks, int docs,
                             double chunkMillis) {
        this.inner = inner;
        this.chunker = chunker;
        this.config = config;
        this.aggregation = ChunkAggregation.of(config);
        this.chunks = List.copyOf(chunks);
        this.docs = docs;
        int[] per = new int[docs];
        chunks.forEach(c -> per[c.doc()]++);
        this.maxPerDoc = Math.max(1, Arrays.stream(per).max().orElse(1));
        this.chunkMillis = chunkMillis;
    }

    /**
     * Chunks {@code corpus} with {@code chunker}, then builds {@code retriever} over the chunks (chunk
     * ids are {@code DOCID#N}, so ties break stably).
     */
    public static ChunkedRetriever open(RetrieverConfig retriever, Chunker chunker, StageConfig config,
                                        Corpus corpus, RetrieverContext context) throws IOException {
        long t0 = System.nanoTime();
        List<Chunk> chunks = chunker.chunkAll(corpus.texts());
        double ms = (System.nanoTime() - t0) / 1e6;
        List<String> ids = new ArrayList<>(chunks.size());
        List<String> texts = new ArrayList<>(chunks.size());
        for (Chunk c : chunks) {
            ids.add(corpus.ids().get(c.doc()) + "#" + c.index());
            texts.add(c.text());
        }
        Retriever inner = Retrievers.open(retriever, new Corpus(ids, texts), context);
        return new ChunkedRetriever(inner, chunker, config, chunks, corpus.size(), ms);
    }

    /** The chunks the index holds, chunk ordinal i being the i-th. */
    public List<Chunk> chunks() {
        return chunks;
    }

    /** Chunks per document of the corpus (documents without text count, with none). */
    public double chunksPerDoc() {
        return docs == 0 ? Double.NaN : (double) chunks.size() / docs;
    }

    /** Milliseconds the chunking took (the semantic chunker's encoding included). */
    public double chunkMillis() {
        return chunkMillis;
    }

    /** The aggregation in use. */
    public ChunkAggregation aggregation() {
        return aggregation;
    }

    /** The top {@code k} chunks for a query, as chunk ordinals into {@link #chunks()}. */
    public Hits searchChunks(String query, int k) {
        return inner.search(query, Math.min(k, chunks.size()));
    }

    /** Chunks retrieved before aggregating to {@code k} documents. */
    public int depth(int k) {
        return Math.min(chunks.size(), config.intValue("depth", (int) Math.min(Integer.MAX_VALUE,
                (long) k * maxPerDoc), 1, 10_000_000));
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
        return inner.describe() + " over chunks (" + chunker.describe() + ", " + aggregation.canonical() + ")";
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
        d.put("chunker", config.name());
        d.put("chunking", chunker.describe());
        d.put("chunk_aggregation", aggregation.canonical());
        d.put("chunks", Integer.toString(chunks.size()));
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
        Hits h = inner.search(query, depth(k));
        long t0 = System.nanoTime();
        Hits docHits = aggregate(h, k);
        Map<String, Long> stages = new LinkedHashMap<>(h.stageNanos());
        stages.put("aggregate", System.nanoTime() - t0);
        return new Hits(docHits.docs(), docHits.scores(), stages);
    }

    @Override
    public List<Hits> searchAll(List<String> queries, int k, int threads) {
        return inner.searchAll(queries, depth(k), threads).stream().map(h -> aggregate(h, k)).toList();
    }

    /**
     * Chunk hits to the top {@code k} documents under the aggregation; ties by the best chunk's
     * rank, so the order is the chunk list's wherever scores tie.
     */
    Hits aggregate(Hits h, int k) {
        Map<Integer, double[]> byDoc = new LinkedHashMap<>();
        for (int r = 0; r < h.size(); r++) {
            Chunk c = chunks.get(h.docs()[r]);
            if (aggregation == ChunkAggregation.FIRSTP && c.index() != 0) {
                continue;
            }
            double[] acc = byDoc.get(c.doc());
            if (acc == null) {
                byDoc.put(c.doc(), new double[] {h.scores()[r], r});
            } else if (aggregation == ChunkAggregation.SUMP) {
                acc[0] += h.scores()[r];
            }
        }
        List<Map.Entry<Integer, double[]>> ranked = new ArrayList<>(byDoc.entrySet());
        ranked.sort(Comparator.<Map.Entry<Integer, double[]>>comparingDouble(e -> -e.getValue()[0])
                .thenComparingDouble(e -> e.getValue()[1]));
        int n = Math.min(k, ranked.size());
        int[] ids = new int[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = ranked.get(i).getKey();
            scores[i] = ranked.get(i).getValue()[0];
        }
        return new Hits(ids, scores, Map.of());
    }

    @Override
    public void close() {
        inner.close();
    }
}
