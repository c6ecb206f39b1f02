package dev.plumbline.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.Doc;
import dev.plumbline.datasets.Query;
import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineMemory;
import dev.plumbline.engines.cache.EmbeddingCache;
import dev.plumbline.engines.StageConfig;
import dev.plumbline.engines.chunking.Chunk;
import dev.plumbline.engines.chunking.Chunker;
import dev.plumbline.engines.chunking.Chunkers;
import dev.plumbline.engines.retrieval.BatchEncoder;
import dev.plumbline.engines.rerank.Rerankers;
import dev.plumbline.engines.retrieval.ChunkedRetriever;
import dev.plumbline.engines.retrieval.RerankedRetriever;
import dev.plumbline.engines.retrieval.Corpus;
import dev.plumbline.engines.retrieval.Hits;
import dev.plumbline.engines.retrieval.Retriever;
import dev.plumbline.engines.retrieval.RetrieverConfig;
import dev.plumbline.engines.retrieval.RetrieverContext;
import dev.plumbline.engines.retrieval.Retrievers;
import dev.plumbline.metrics.ir.IrResults;
import dev.plumbline.reports.provenance.EngineIdentity;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.MetricValues;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One retrieval cell: dataset × retriever. Builds the retriever (documents encoded through the
 * embedding cache, the engine warmed up untimed first), searches one query per call after an
 * untimed warm-up (each stage and the whole query recorded in HdrHistograms), drops a hit whose
 * id is the query's own under BEIR's protocol, writes the TREC run, evaluates it with trec_eval
 * semantics ({@code -c}) and returns the engine run with latency, stage and memory figures.
 * Every searched query is logged, so a stopped run resumes inside the cell.
 */
final class RetrievalCell {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Experiment x;
    private final Progress progress;
    private final Dataset d;
    private final RetrieverConfig config;
    private final String cell;
    private final boolean dropIdentical;
    private final StageConfig chunking;
    private final StageConfig reranker;
    private final int contexts;
    private final Shard shard;

    /** Span recall's cutoff: the share of queries whose gold span is in one of the top 10 chunks. */
    static final int SPAN_K = 10;
    /** The per-query metric of span recall at {@link #SPAN_K}. */
    static final String SPAN_RECALL = "span_recall_" + SPAN_K;

    /**
     * @param cell          the cell's name in results (and its run file's)
     * @param dropIdentical whether a hit whose id equals the query id is dropped before scoring
     * @param chunking      how documents are cut before indexing ({@code none}: whole documents)
     * @param reranker      the second stage over the top hits, or {@code null} for none
     * @param contexts      top contexts per query written for the end-to-end cells, 0 for none
     * @param shard         the part of the queries this run searches (each against the whole corpus)
     */
    RetrievalCell(Experiment x, Progress progress, Dataset d, RetrieverConfig config, String cell, boolean dropIdentical,
                  StageConfig chunking, StageConfig reranker, int contexts, Shard shard) {
        this.shard = shard;
        this.reranker = reranker;
        this.x = x;
        this.progress = progress;
        this.d = d;
        this.config = config;
        this.cell = cell;
        this.dropIdentical = dropIdentical;
        this.chunking = chunking;
        this.contexts = contexts;
    }

    /** Where a cell's contexts for the end-to-end cells go: {@code runs/CELL.contexts.jsonl}. */
    static Path contextsFile(Experiment x, String cell) {
        return x.outDir().resolve("runs").resolve(cell.replace('/', '_') + ".contexts.jsonl");
    }

    /** A retrieved unit: a chunk, or a whole document when there is no chunking. */
    private record Unit(String doc, int start, int end, String text) {
    }

    private Retriever open(Corpus corpus, DocumentEncoder encoder, ModelTokens model) throws IOException {
        Retriever first = openFirstStage(corpus, encoder, model);
        if (reranker == null) {
            return first;
        }
        try {
            return new RerankedRetriever(first, Rerankers.open(reranker), reranker.name(), corpus,
                    Rerankers.depth(reranker));
        } catch (IOException | RuntimeException e) {
            first.close();
            throw e;
        }
    }

    private Retriever openFirstStage(Corpus corpus, DocumentEncoder encoder, ModelTokens model) throws IOException {
        return openFirstStage(config, chunking, corpus, encoder, model, cell);
    }

    /**
     * A cell's first stage over {@code corpus}: the retriever over whole documents, or over their
     * chunks. Shared with {@link CorpusEncoding}, which builds the same stages over part of a corpus
     * to fill the embedding cache.
     */
    static Retriever openFirstStage(RetrieverConfig config, StageConfig chunking, Corpus corpus, BatchEncoder encoder,
                                    ModelTokens model, String cell) throws IOException {
        if (Chunkers.none(chunking)) {
            return Retrievers.open(config, corpus, new RetrieverContext(encoder));
        }
        Chunker chunker;
        try {
            chunker = Chunkers.open(chunking, model.chunkerContext());
        } catch (IllegalArgumentException e) {
            throw new dev.plumbline.harness.UsageException(cell + ": " + e.getMessage());
        }
        return ChunkedRetriever.open(config, chunker, chunking, corpus, new RetrieverContext(encoder));
    }

    /** The top {@code n} units of query {@code q}: chunks of a chunked retriever, else the ranked documents. */
    private List<Unit> units(Retriever r, Query q, int[] docs, int n) {
        List<Unit> out = new ArrayList<>();
        if (r instanceof RerankedRetriever rr && rr.inner() instanceof ChunkedRetriever cr) {
            // The reranker ordered documents; each hands on its best first-stage chunk.
            Hits h = cr.searchChunks(q.text(), cr.depth(docs.length));
            Map<Integer, Chunk> best = new LinkedHashMap<>();
            for (int i = 0; i < h.size(); i++) {
                Chunk c = cr.chunks().get(h.docs()[i]);
                best.putIfAbsent(c.doc(), c);
            }
            for (int i = 0; i < docs.length && out.size() < n; i++) {
                Chunk c = best.get(docs[i]);
                String docno = d.docs().get(docs[i]).id();
                if (c != null && !(dropIdentical && docno.equals(q.id()))) {
                    out.add(new Unit(docno, c.start(), c.end(), c.text()));
                }
            }
            return out;
        }
        if (r instanceof ChunkedRetriever cr) {
            Hits h = cr.searchChunks(q.text(), n + (dropIdentical ? cr.chunks().size() / Math.max(1, d.docs().size()) + 8 : 0));
            for (int i = 0; i < h.size() && out.size() < n; i++) {
                Chunk c = cr.chunks().get(h.docs()[i]);
                String docno = d.docs().get(c.doc()).id();
                if (!(dropIdentical && docno.equals(q.id()))) {
                    out.add(new Unit(docno, c.start(), c.end(), c.text()));
                }
            }
            return out;
        }
        for (int i = 0; i < docs.length && out.size() < n; i++) {
            Doc doc = d.docs().get(docs[i]);
            if (!(dropIdentical && doc.id().equals(q.id()))) {
                String text = doc.fullText();
                out.add(new Unit(doc.id(), 0, text.length(), text));
            }
        }
        return out;
    }

    EngineRun run(Provenance.Builder cellProvenance, ItemLog log) {
        MemoryProbe.Cell memory = MemoryProbe.startCell();
        List<Query> allQueries = d.queries().stream().filter(q -> d.qrels().topic(q.id()) != null).toList();
        // A shard searches its own queries against the whole corpus: every query's ranking is then
        // the unsharded one, whatever the retriever (BM25's statistics and an index's build are corpus-wide).
        List<Query> queries = allQueries.stream().filter(q -> shard.owns(q.id())).toList();
        progress.note(cell + ": " + d.docs().size() + " documents, " + (shard.whole() ? d.queries().size() + " queries"
                : queries.size() + " of " + allQueries.size() + " judged queries (part " + shard + ")"));
        Corpus corpus = new Corpus(d.docs().stream().map(Doc::id).toList(), d.docs().stream().map(Doc::fullText).toList());
        StageLatency encodeDocs = new StageLatency("encode_docs");
        DocumentEncoder encoder = new DocumentEncoder(encodeDocs);
        // Per query, what a user waits for (the per-item latency) and each stage of it on its own.
        Map<String, StageLatency> stages = new LinkedHashMap<>();
        StageLatency perQuery = new StageLatency("query");
        int depth = RankingEvaluation.depth(x, dropIdentical);
        List<int[]> ids = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        double[] latencyMs = new double[queries.size()];
        List<Map<String, Double>> passes = new ArrayList<>();
        Map<String, Double> retrieverValues = new LinkedHashMap<>();
        EngineIdentity identity;
        Map<String, QueryAnswers.Answer> answers = QueryAnswers.of(d);
        boolean spans = queries.stream().anyMatch(q -> !answers.get(q.id()).spans().isEmpty());
        double[] spanRecall = new double[queries.size()];
        boolean chunked = !Chunkers.none(chunking);
        ModelTokens modelTokens = chunked || !config.type().equals("bm25") ? ModelTokens.of(config, encoder) : null;
        try (ModelTokens model = modelTokens; Retriever r = open(corpus, encoder, model)) {
            int k = Math.min(depth, corpus.size());
            // Warm-up: queries searched untimed (cycling when there are fewer), so JIT compilation
            // of encoder and search is not in the figures; the first cell would pay it.
            for (int i = 0; i < x.warmup() && !queries.isEmpty(); i++) {
                Hits h = r.search(queries.get(i % queries.size()).text(), k);
                h.stageNanos().keySet().forEach(s -> stage(stages, s).warmup());
                perQuery.warmup();
            }
            Progress.Task task = progress.start(cell + " searching queries", (long) x.repeat() * queries.size());
            // The first pass gives the rankings and the per-query latency; every pass feeds the
            // stage histograms, and with --repeat the passes' own figures give the run-to-run spread.
            for (int pass = 0; pass < x.repeat(); pass++) {
                StageLatency passStage = new StageLatency("pass");
                for (int q = 0; q < queries.size(); q++) {
                    JsonNode saved = pass == 0 ? savedQuery(log, q, queries.get(q).id()) : null;
                    Hits h = saved != null ? fromLog(saved) : r.search(queries.get(q).text(), k);
                    h.stageNanos().forEach((s, ns) -> stage(stages, s).record(ns, 1));
                    perQuery.record(h.totalNanos(), 1);
                    passStage.record(h.totalNanos(), 1);
                    if (pass == 0) {
                        latencyMs[q] = h.totalNanos() / 1e6;
                        ids.add(h.docs());
                        scores.add(h.scores());
                        if (saved == null) {
                            log.append(q, queryItem(queries.get(q).id(), h));
                        }
                    }
                    task.update((long) pass * queries.size() + q + 1);
                }
                passes.add(passStage.values());
            }
            task.finish(0);
            // Untimed, after the timed passes: the top chunks (or documents) each query hands on, for
            // span recall and for the end-to-end cells' generators.
            if (spans || contexts > 0) {
                List<String> lines = new ArrayList<>();
                for (int q = 0; q < queries.size(); q++) {
                    List<Unit> top = units(r, queries.get(q), ids.get(q), Math.max(SPAN_K, contexts));
                    List<QueryAnswers.Span> gold = answers.get(queries.get(q).id()).spans();
                    spanRecall[q] = gold.isEmpty() ? Double.NaN : top.stream().limit(SPAN_K).anyMatch(u -> gold.stream()
                            .anyMatch(g -> g.within(u.doc(), u.start(), u.end()))) ? 1 : 0;
                    if (contexts > 0) {
                        ObjectNode line = JSON.createObjectNode().put("id", queries.get(q).id());
                        ArrayNode cs = line.putArray("contexts");
                        top.stream().limit(contexts).forEach(u -> cs.addObject().put("doc", u.doc())
                                .put("start", u.start()).put("end", u.end()).put("text", u.text()));
                        lines.add(line.toString());
                    }
                }
                if (contexts > 0) {
                    writeLines(contextsFile(x, cell), lines);
                }
            }
            if (model != null && model.own()) {
                retrieverValues.put("tokens.max_tokens", (double) model.maxTokens());
                retrieverValues.put("tokens.truncated_docs", (double) model.truncated(corpus.texts()));
                if ((r instanceof RerankedRetriever rr ? rr.inner() : r) instanceof ChunkedRetriever cr) {
                    retrieverValues.put("tokens.truncated_chunks", (double) model.truncated(
                            cr.chunks().stream().map(Chunk::text).toList()));
                }
            }
            retrieverValues.putAll((r instanceof RerankedRetriever rr ? rr.inner() : r).runValues());
            if (r instanceof RerankedRetriever rr) {
                retrieverValues.put("rerank.failed", (double) rr.reranker().failures().values().stream()
                        .mapToInt(Integer::intValue).sum());
                rr.reranker().failures().forEach((kind, count) -> retrieverValues.put("rerank.failed."
                        + kind.replace(' ', '_'), (double) count));
            }
            Retriever firstStage = r instanceof RerankedRetriever rr ? rr.inner() : r;
            if (firstStage instanceof ChunkedRetriever cr) {
                retrieverValues.put("chunking.chunks", (double) cr.chunks().size());
                retrieverValues.put("chunking.chunks_per_doc", cr.chunksPerDoc());
                retrieverValues.put("chunking.ms", cr.chunkMillis());
            }
            // After the work: an encoder's scratch has grown to the largest batch it ran.
            EngineMemory engineMemory = r.engineMemory();
            retrieverValues.put("index_build.ms", r.buildMillis());
            retrieverValues.put("memory.index_bytes", (double) r.bytes());
            if (!engineMemory.equals(EngineMemory.NOT_REPORTED)) {
                retrieverValues.put("memory.weight_bytes", EngineMemory.value(engineMemory.weightBytes()));
                retrieverValues.put("memory.scratch_bytes", EngineMemory.value(engineMemory.scratchBytes()));
                retrieverValues.put("memory.off_heap_bytes", EngineMemory.value(engineMemory.offHeapBytes()));
                retrieverValues.put("memory.native_rss_growth_bytes",
                        EngineMemory.value(engineMemory.nativeRssGrowthBytes()));
            }
            retrieverValues.put("memory.buffer_growth_bytes", memory.bufferGrowthBytes());
            Map<String, String> details = new LinkedHashMap<>(r.details());
            details.put("k", Integer.toString(x.k()));
            details.put("ignore_identical_ids", Boolean.toString(dropIdentical));
            details.put("dataset", d.spec());
            // The configuration's own name (retriever, chunker, reranker), the same in every
            // dataset: the leaderboard's column and what the in-run pairwise tests pair.
            details.put("configuration", (Chunkers.none(chunking) ? config.name() : config.name() + "@" + chunking.name())
                    + (reranker == null ? "" : "~" + reranker.name()));
            details.put("cell.retriever", config.name());
            details.put("cell.chunker", chunking.name());
            details.put("cell.reranker", reranker == null ? "none" : reranker.name());
            identity = new EngineIdentity(cell, r.kernelBackend(), "", "", r.modelSource(), r.modelSha256(), details);
        } catch (IOException e) {
            throw new UncheckedIOException(cell + ": cannot build retriever " + config.name() + ": " + e.getMessage(), e);
        }
        List<RankingEvaluation.Ranking> rankings = new ArrayList<>();
        for (int q = 0; q < queries.size(); q++) {
            List<String> docnos = new ArrayList<>(ids.get(q).length);
            for (int id : ids.get(q)) {
                docnos.add(d.docs().get(id).id());
            }
            rankings.add(new RankingEvaluation.Ranking(queries.get(q).id(), docnos, scores.get(q)));
        }
        RankingEvaluation.Evaluated evaluated = RankingEvaluation.evaluate(x, cell, d.qrels(), rankings, dropIdentical);
        int dropped = evaluated.identicalDropped();
        IrResults ir = evaluated.ir();
        EngineRun base = evaluated.base();
        // -c evaluates every judged topic; every one of them was searched, so each has a latency.
        Map<String, Double> byQuery = new LinkedHashMap<>();
        for (int q = 0; q < queries.size(); q++) {
            byQuery.put(queries.get(q).id(), latencyMs[q]);
        }
        double[] column = base.itemIds().stream().mapToDouble(qid -> byQuery.getOrDefault(qid, Double.NaN)).toArray();
        MetricValues latency = new MetricValues(MetricInfo.latencyMillis(Pipeline.LATENCY, Pipeline.LATENCY_DESCRIPTION),
                column, new String[column.length]);

        Map<String, Double> values = new LinkedHashMap<>(base.runValues());
        // A stage that did not run is absent, not a row of zeros: BM25 encodes nothing.
        if (encoder.used) {
            values.putAll(encodeDocs.values());
            values.put("encode_docs.warmup", (double) encoder.warmed);
            values.put("encode_docs.cached", (double) encoder.cached);
            // The timed encoding's wall time; undefined when the cache held every text.
            values.put("encode_docs.total_s", encodeDocs.totalNanos() == 0 ? Double.NaN : encodeDocs.totalNanos() / 1e9);
            values.put("encode_docs.tokens", encoder.tokens < 0 ? Double.NaN : (double) encoder.tokens);
            values.put("encode_docs.tokens_per_s", encoder.tokens <= 0 || encodeDocs.totalNanos() == 0 ? Double.NaN
                    : encoder.tokens / (encodeDocs.totalNanos() / 1e9));
        }
        values.put("index_build.ms", retrieverValues.remove("index_build.ms"));
        stages.values().forEach(s -> values.putAll(s.values()));
        values.putAll(perQuery.values());
        values.put("query.repeats", (double) x.repeat());
        if (x.repeat() > 1) {
            values.putAll(Spread.of("query.spread", passes, List.of("pass.items_per_s", "pass.p50_ms", "pass.p99_ms")));
        }
        values.put("retrieval.identical_ids_dropped", dropIdentical ? dropped : Double.NaN);
        values.putAll(retrieverValues);
        values.put("memory.heap_peak_bytes", memory.heapPeakBytes());
        values.put("memory.rss_growth_bytes", memory.rssGrowthBytes());
        List<MetricValues> metrics = new ArrayList<>(base.metrics().values());
        metrics.add(latency);
        if (spans) {
            Map<String, Double> byId = new LinkedHashMap<>();
            for (int q = 0; q < queries.size(); q++) {
                byId.put(queries.get(q).id(), spanRecall[q]);
            }
            metrics.add(RankingEvaluation.spanRecall(base, byId));
        }
        Map<String, String> queryText = new LinkedHashMap<>();
        queries.forEach(q -> queryText.put(q.id(), q.text()));
        List<Map<String, Object>> evidence = RankingEvaluation.evidence(base, queryText, docno -> {
            Doc doc = d.doc(docno);
            return doc == null ? null : doc.fullText();
        });
        cellProvenance.engine(identity);
        EngineRun full = EngineRun.of(cell, base.itemIds(), metrics, values, evidence);
        if (shard.whole()) {
            return full;
        }
        // The evaluation covered every judged topic (-c); the part keeps its own, with what the merge needs:
        // where each topic's query sits in the run file, and the per-topic values of summary-only measures.
        Map<String, double[]> extra = new LinkedHashMap<>();
        Map<String, Integer> queryIndex = new java.util.HashMap<>();
        for (int q = 0; q < allQueries.size(); q++) {
            queryIndex.put(allQueries.get(q).id(), q);
        }
        extra.put(ShardItems.QUERY_POSITION, base.itemIds().stream()
                .mapToDouble(id -> queryIndex.containsKey(id) ? queryIndex.get(id) : Double.NaN).toArray());
        List<String> summaryOnly = new ArrayList<>();
        for (int v = 0; v < ir.names().size(); v++) {
            var bm = ir.measures().get(ir.measureOf()[v]);
            if (!bm.hasPerTopicValues() && bm.format() != dev.plumbline.metrics.ir.ValueFormat.TEXT) {
                double[] col = new double[ir.topics().size()];
                for (int t = 0; t < col.length; t++) {
                    col[t] = ir.perTopic()[t][v];
                }
                extra.put(ShardItems.PREFIX + ir.names().get(v), col);
                summaryOnly.add(ir.names().get(v));
            }
        }
        return ShardItems.mark(full, shard, base.itemIds(), extra, summaryOnly);
    }

    /** Writes {@code lines} to {@code file} through a temporary file, so a reader never sees half. */
    private static void writeLines(Path file, List<String> lines) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            java.nio.file.Files.write(tmp, lines, java.nio.charset.StandardCharsets.UTF_8);
            java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static StageLatency stage(Map<String, StageLatency> stages, String name) {
        return stages.computeIfAbsent(name, StageLatency::new);
    }

    /**
     * Encodes documents through the cache, timing each engine call; before the first call the
     * engine is warmed up untimed on {@code latency.warmup} of the texts (in batches, cycling when
     * there are fewer): a cold JVM still compiling the Java engines' Vector API code would
     * otherwise make them look several times slower than they are.
     */
    private final class DocumentEncoder implements BatchEncoder {
        private final StageLatency stage;
        boolean used;
        int warmed;
        int cached;
        long tokens;

        DocumentEncoder(StageLatency stage) {
            this.stage = stage;
        }

        @Override
        public float[][] encode(Engine engine, List<String> texts, boolean query, String label) {
            used = true;
            int batchSize = Math.max(1, Integer.parseInt(config.stringValue("batch_size", "32")));
            Progress.Task task = progress.start(cell + " encoding " + label, texts.size());
            Path root = !x.cache() ? null : x.cacheDir() != null ? x.cacheDir() : EmbeddingCache.defaultRoot();
            CachedEncoder.Result r = CachedEncoder.encode(engine, texts, query, root, new CachedEncoder.Listener() {
                @Override
                public void starting(List<String> pending) {
                    int n = 0;
                    while (n < x.warmup()) {
                        List<String> batch = new ArrayList<>();
                        for (int i = 0; i < batchSize && n < x.warmup(); i++, n++) {
                            batch.add(pending.get(n % pending.size()));
                        }
                        engine.encode(batch, query);
                        stage.warmup();
                    }
                    warmed += n;
                }

                @Override
                public void chunk(int n, long nanos, int done, int pending) {
                    stage.record(nanos, n);
                    task.update(texts.size() - pending + done);
                }
            });
            task.update(texts.size());
            task.finish(r.cached());
            cached += r.cached();
            tokens = tokens < 0 || r.tokens() < 0 ? -1 : tokens + r.tokens();
            return r.vectors();
        }
    }

    /** The logged search of query {@code q}, or {@code null} when it is missing or for another query. */
    private static JsonNode savedQuery(ItemLog log, int q, String id) {
        JsonNode saved = log.done(q);
        if (saved == null || !id.equals(saved.path("id").asText(null)) || !saved.path("docs").isArray()
                || saved.path("scores").size() != saved.path("docs").size() || !saved.path("stages").isObject()) {
            return null;
        }
        for (JsonNode ns : saved.path("stages")) {
            if (!ns.isIntegralNumber()) {
                return null;
            }
        }
        return saved;
    }

    /** A logged query's ranking and times, so the stage figures still cover every query. */
    private static Hits fromLog(JsonNode saved) {
        JsonNode docs = saved.get("docs");
        JsonNode scores = saved.get("scores");
        int[] ids = new int[docs.size()];
        double[] s = new double[docs.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = docs.get(i).intValue();
            s[i] = scores.get(i).doubleValue();
        }
        Map<String, Long> stages = new LinkedHashMap<>();
        saved.get("stages").fields().forEachRemaining(e -> stages.put(e.getKey(), e.getValue().longValue()));
        return new Hits(ids, s, stages);
    }

    private static ObjectNode queryItem(String id, Hits h) {
        ObjectNode item = JSON.createObjectNode().put("id", id);
        ObjectNode st = item.putObject("stages");
        h.stageNanos().forEach(st::put);
        ArrayNode docs = item.putArray("docs");
        ArrayNode scores = item.putArray("scores");
        for (int r = 0; r < h.size(); r++) {
            docs.add(h.docs()[r]);
            // A double, written as the shortest decimal that reads back as it: bit for bit.
            scores.add(h.scores()[r]);
        }
        return item;
    }
}
