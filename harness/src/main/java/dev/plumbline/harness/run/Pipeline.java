package dev.plumbline.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.DatasetCounts;
import dev.plumbline.datasets.Datasets;
import dev.plumbline.datasets.Doc;
import dev.plumbline.datasets.LoadOptions;
import dev.plumbline.datasets.Query;
import dev.plumbline.datasets.RagSample;
import dev.plumbline.datasets.trec.Run;
import dev.plumbline.datasets.trec.TopicRun;
import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineMemory;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.Engines;
import dev.plumbline.engines.cache.EmbeddingCache;
import dev.plumbline.engines.index.FlatIndex;
import dev.plumbline.engines.index.SearchResults;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.model.ModelSpec;
import dev.plumbline.harness.UsageException;
import dev.plumbline.metrics.ir.EvalParams;
import dev.plumbline.metrics.ir.IrEvaluator;
import dev.plumbline.metrics.ir.IrResults;
import dev.plumbline.metrics.rag.Judge;
import dev.plumbline.metrics.rag.Judgment;
import dev.plumbline.metrics.rag.MetricValue;
import dev.plumbline.metrics.rag.RagScorer;
import dev.plumbline.reports.AtomicFiles;
import dev.plumbline.reports.provenance.DatasetFingerprint;
import dev.plumbline.reports.provenance.EngineIdentity;
import dev.plumbline.reports.provenance.JudgeIdentity;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.IrEngineRuns;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.MetricValues;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import dev.plumbline.reports.results.StatisticsConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Runs an {@link Experiment}: for every dataset × model × engine, encode corpus and queries
 * (through the embedding cache), build an exact index, search top-k query by query, evaluate with
 * trec_eval semantics ({@code -c}) and write the TREC run; for datasets with RAG samples, judge
 * them once (the samples carry their own answers and contexts, so the judgment does not depend on
 * the encoder). Latency per stage and memory land in each engine run's run values; everything
 * lands in one results document with one provenance record.
 */
public final class Pipeline {
    /**
     * Per-item latency, what a user waits for: in retrieval runs a query's encoding plus its
     * search (one query per call), in judge runs judging one sample.
     */
    public static final String LATENCY = "latency";
    /** One description for both, as a results document describes each metric once. */
    static final String LATENCY_DESCRIPTION = "latency per item: query encoding + search per query (one query per"
            + " call, after warm-up), judging per sample";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Experiment x;
    private final Progress progress;
    private final Provenance.Builder provenance;
    private final boolean resume;
    private final Clock clock;

    private Pipeline(Experiment x, Progress progress, Provenance.Builder provenance, boolean resume, Clock clock) {
        this.x = x;
        this.progress = progress;
        this.provenance = provenance;
        this.resume = resume;
        this.clock = clock;
    }

    /**
     * Runs the experiment and writes {@code results.json}, {@code results.items.jsonl} and one
     * TREC run per retrieval cell under {@code runs/} in {@link Experiment#outDir()}.
     *
     * Each finished cell is also saved under {@code checkpoint/}; with {@code resume} the cells
     * saved there are read back instead of computed again.
     *
     * @param provenance started by the caller (command line, host); finished here
     * @param resume     continue a run in {@link Experiment#outDir()} that stopped part way
     * @return the results, already written
     */
    public static Results run(Experiment x, Progress progress, Provenance.Builder provenance, Clock clock,
                              boolean resume) {
        Results r = new Pipeline(x, progress, provenance, resume, clock).runAll(clock);
        write(r, x.outDir().resolve("results.json"));
        return r;
    }

    /** Where {@link #run} writes the results document. */
    public static Path resultsFile(Experiment x) {
        return x.outDir().resolve("results.json");
    }

    private Results runAll(Clock clock) {
        // Load every dataset first: a bad spec fails before any encoding starts.
        List<Dataset> loaded = new ArrayList<>();
        List<DatasetFingerprint> fingerprints = new ArrayList<>();
        for (int i = 0; i < x.datasets().size(); i++) {
            String spec = x.datasets().get(i);
            Dataset d = Datasets.load(spec, x.split() == null ? LoadOptions.DEFAULTS : LoadOptions.DEFAULTS.withSplit(x.split()));
            boolean retrieval = !d.docs().isEmpty() && !d.queries().isEmpty() && d.qrels() != null;
            if (!retrieval && JudgedSamples.answered(d).isEmpty()) {
                throw new UsageException(source() + ": datasets[" + i + "]: " + spec + " has neither a corpus with"
                        + " queries and qrels nor answered RAG samples; use a beir:, rag: or builtin:demo dataset");
            }
            if (retrieval && x.engines().isEmpty()) {
                throw new UsageException(source() + ": engines: missing; datasets[" + i + "]: " + spec + " has a"
                        + " corpus with queries and qrels, so list engines to compare, e.g. [simd] (allowed: "
                        + ExperimentParser.engineNames() + ")");
            }
            loaded.add(d);
            fingerprints.add(new DatasetFingerprint(datasetName(spec), spec, d.fingerprint(), counts(d.counts())));
            provenance.dataset(fingerprints.getLast());
        }
        provenance.seed("bootstrap", x.seed());
        if (x.source() != null) {
            provenance.experimentFile(x.source().toString());
        }
        try {
            Files.createDirectories(x.outDir().resolve("runs"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + x.outDir() + ": " + e.getMessage(), e);
        }
        Checkpoints checkpoints = new Checkpoints(x, resume);
        List<EngineRun> runs = new ArrayList<>();
        int index = 0;
        for (int i = 0; i < loaded.size(); i++) {
            Dataset d = loaded.get(i);
            DatasetFingerprint fp = fingerprints.get(i);
            if (!d.docs().isEmpty() && !d.queries().isEmpty() && d.qrels() != null) {
                for (String model : x.models()) {
                    for (Experiment.EngineSpec e : x.engines()) {
                        runs.add(cell(checkpoints, index++, retrievalName(d, model, e), fp, false,
                                (cellProvenance, log) -> retrievalCell(d, model, e, cellProvenance, log)));
                    }
                }
            }
            if (!JudgedSamples.answered(d).isEmpty()) {
                runs.add(cell(checkpoints, index++, judgeName(d), fp, true, (cellProvenance, log) -> judgeCell(d, cellProvenance, log)));
            }
        }
        provenance.finishedAt(clock.instant()).peakRssBytes(MemoryProbe.processPeakBytes());
        String primary = runs.stream().anyMatch(r -> r.metrics().containsKey("ndcg_cut_10")) ? "ndcg_cut_10" : "";
        return Results.of(x.name(), primary, StatisticsConfig.DEFAULTS.withSeed(x.seed()), provenance.build(), runs);
    }

    /**
     * Computes one cell, or reads it back from its checkpoint; its identities go into the run's
     * provenance. A cell computed here logs each finished item, so a stopped run resumes inside it.
     */
    private EngineRun cell(Checkpoints checkpoints, int index, String name, DatasetFingerprint dataset,
                           boolean judged, java.util.function.BiFunction<Provenance.Builder, ItemLog, EngineRun> compute) {
        Results saved = !resume ? null : judged
                ? checkpoints.load(index, name, dataset, x.judge(), LocalJudges.details(x.judge()))
                : checkpoints.load(index, name, dataset);
        if (saved != null) {
            progress.note(name + ": read back from its checkpoint");
        } else {
            Provenance.Builder cellProvenance = dev.plumbline.harness.ProvenanceRecorder.start(List.of(), clock)
                    .dataset(dataset);
            // What the logged items depend on beyond the experiment file (which --resume checks).
            var header = JSON.createObjectNode().put("cell", name).put("dataset_sha256", dataset.sha256());
            if (judged) {
                ObjectNode details = header.put("judge", x.judge()).putObject("judge_details");
                new java.util.TreeMap<>(LocalJudges.details(x.judge())).forEach(details::put);
            }
            EngineRun run;
            try (ItemLog log = checkpoints.items(index, header)) {
                if (log.doneCount() > 0 || log.dropped() > 0) {
                    progress.note(name + ": " + log.doneCount() + " finished items read back from its checkpoint"
                            + (log.dropped() > 0 ? " (" + log.dropped() + " torn or damaged lines dropped)" : ""));
                }
                run = compute.apply(cellProvenance, log);
            }
            Provenance p = cellProvenance.finishedAt(clock.instant()).build();
            checkpoints.save(index, run, p, x.seed());
            checkpoints.dropItems(index);
            saved = Results.of(name, "", StatisticsConfig.DEFAULTS.withSeed(x.seed()), p, List.of(run));
        }
        saved.provenance().engines().forEach(provenance::engine);
        if (saved.provenance().judge() != null) {
            provenance.judge(saved.provenance().judge());
        }
        return saved.engines().get(0);
    }

    private String retrievalName(Dataset d, String model, Experiment.EngineSpec es) {
        return x.datasets().size() > 1 ? datasetName(d.spec()) + "/" + es.name() + "/" + model : es.name() + "/" + model;
    }

    private String judgeName(Dataset d) {
        return (x.datasets().size() > 1 ? datasetName(d.spec()) + "/" : "") + "judge-" + x.judge();
    }

    private EngineRun retrievalCell(Dataset d, String model, Experiment.EngineSpec es, Provenance.Builder cellProvenance,
                                    ItemLog log) {
        String cell = retrievalName(d, model, es);
        progress.note(cell + ": " + d.docs().size() + " documents, " + d.queries().size() + " queries");
        MemoryProbe.Cell memory = MemoryProbe.startCell();
        ModelSpec spec = ModelRegistry.get(model);
        if (es.maxSeqLength() > 0) {
            spec = spec.withMaxTokens(es.maxSeqLength());
        }
        List<Query> queries = d.queries().stream().filter(q -> d.qrels().topic(q.id()) != null).toList();
        StageLatency encodeDocs = new StageLatency("encode_docs");
        // Per query, what a user waits for: the query's encoding and the search, each on its own
        // and together (the per-item latency). Encoding all queries up front and timing the search
        // alone would time the same index code for every engine.
        StageLatency queryEncode = new StageLatency("query_encode");
        StageLatency search = new StageLatency("search");
        StageLatency perQuery = new StageLatency("query");
        int k;
        int[][] ids = new int[queries.size()][];
        float[][] scores = new float[queries.size()][];
        double[] latencyMs = new double[queries.size()];
        List<Map<String, Double>> passes = new ArrayList<>();
        CachedEncoder.Result docs;
        int[] warmedDocs = new int[1];
        double buildMs;
        long indexBytes;
        EngineMemory engineMemory;
        double bufferGrowth;
        String kernelBackend;
        dev.plumbline.engines.EngineIdentity id;
        try (Engine engine = Engines.provider(es.name()).open(spec, new EngineOptions(es.threads(), es.batchSize()))) {
            id = engine.identity();
            kernelBackend = engine.kernelBackend();
            docs = encodeDocuments(engine, d.docs().stream().map(Doc::fullText).toList(), es.batchSize(),
                    cell + " encoding documents", encodeDocs, warmedDocs);
            long t0 = System.nanoTime();
            FlatIndex index = new FlatIndex(engine.dimension());
            for (float[] v : docs.vectors()) {
                index.add(v);
            }
            buildMs = (System.nanoTime() - t0) / 1e6;
            indexBytes = index.bytes();
            k = Math.min(x.k(), index.size());

            // Warm-up: queries encoded and searched untimed (cycling through them when there are
            // fewer), so JIT compilation of either is not in the figures; the first cell would pay it.
            for (int i = 0; i < x.warmup() && !queries.isEmpty(); i++) {
                float[] v = engine.encode(List.of(queries.get(i % queries.size()).text()), true)[0];
                index.search(new float[][] {v}, k, 1);
                queryEncode.warmup();
                search.warmup();
                perQuery.warmup();
            }
            Progress.Task task = progress.start(cell + " encoding and searching queries", (long) x.repeat() * queries.size());
            // The first pass gives the rankings and the per-query latency; every pass feeds the
            // stage histograms, and with --repeat the passes' own figures give the run-to-run spread.
            for (int pass = 0; pass < x.repeat(); pass++) {
                StageLatency passStage = new StageLatency("pass");
                for (int q = 0; q < queries.size(); q++) {
                    JsonNode saved = pass == 0 ? savedQuery(log, q, queries.get(q).id()) : null;
                    if (saved != null) {
                        // Read back from a stopped run: its ranking and its times, so the stage
                        // figures still cover every query.
                        long encodeNs = saved.get("encode_ns").longValue();
                        long searchNs = saved.get("search_ns").longValue();
                        queryEncode.record(encodeNs, 1);
                        search.record(searchNs, 1);
                        perQuery.record(encodeNs + searchNs, 1);
                        passStage.record(encodeNs + searchNs, 1);
                        latencyMs[q] = (encodeNs + searchNs) / 1e6;
                        ids[q] = ints(saved.get("docs"));
                        scores[q] = floats(saved.get("scores"));
                        task.update(q + 1);
                        continue;
                    }
                    long s0 = System.nanoTime();
                    float[] v = engine.encode(List.of(queries.get(q).text()), true)[0];
                    long s1 = System.nanoTime();
                    SearchResults hit = index.search(new float[][] {v}, k, 1);
                    long s2 = System.nanoTime();
                    queryEncode.record(s1 - s0, 1);
                    search.record(s2 - s1, 1);
                    perQuery.record(s2 - s0, 1);
                    passStage.record(s2 - s0, 1);
                    if (pass == 0) {
                        latencyMs[q] = (s2 - s0) / 1e6;
                        ids[q] = hit.ids()[0];
                        scores[q] = hit.scores()[0];
                        log.append(q, queryItem(queries.get(q).id(), s1 - s0, s2 - s1, ids[q], scores[q]));
                    }
                    task.update((long) pass * queries.size() + q + 1);
                }
                passes.add(passStage.values());
            }
            task.finish(0);
            // After the work: the engine's scratch has grown to the largest batch it ran.
            engineMemory = engine.memory();
            bufferGrowth = memory.bufferGrowthBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load model " + model + ": " + e.getMessage(), e);
        }
        Run run = writeRun(d, queries, ids, scores, "plumbline-" + es.name() + "-" + model,
                x.outDir().resolve("runs").resolve(cell.replace('/', '_') + ".trec"));
        IrResults ir = IrEvaluator.of(d.qrels(), x.irMeasures(), EvalParams.DEFAULTS.withAverageComplete(true))
                .evaluate(run);
        EngineRun base = IrEngineRuns.from(ir, cell, run, d.qrels());
        // -c evaluates every judged topic; every one of them was searched, so each has a latency.
        Map<String, Double> byQuery = new LinkedHashMap<>();
        for (int q = 0; q < queries.size(); q++) {
            byQuery.put(queries.get(q).id(), latencyMs[q]);
        }
        double[] column = base.itemIds().stream().mapToDouble(qid -> byQuery.getOrDefault(qid, Double.NaN)).toArray();
        MetricValues latency = new MetricValues(MetricInfo.latencyMillis(LATENCY, LATENCY_DESCRIPTION),
                column, new String[column.length]);

        Map<String, Double> values = new LinkedHashMap<>(base.runValues());
        values.putAll(encodeDocs.values());
        values.put("encode_docs.warmup", (double) warmedDocs[0]);
        values.put("encode_docs.cached", (double) docs.cached());
        values.put("encode_docs.tokens", docs.tokens() < 0 ? Double.NaN : (double) docs.tokens());
        values.put("encode_docs.tokens_per_s", docs.tokens() <= 0 || encodeDocs.totalNanos() == 0 ? Double.NaN
                : docs.tokens() / (encodeDocs.totalNanos() / 1e9));
        values.put("index_build.ms", buildMs);
        values.putAll(queryEncode.values());
        values.putAll(search.values());
        values.putAll(perQuery.values());
        values.put("query.repeats", (double) x.repeat());
        if (x.repeat() > 1) {
            values.putAll(Spread.of("query.spread", passes, List.of("pass.items_per_s", "pass.p50_ms", "pass.p99_ms")));
        }
        values.put("memory.index_bytes", (double) indexBytes);
        values.put("memory.weight_bytes", EngineMemory.value(engineMemory.weightBytes()));
        values.put("memory.scratch_bytes", EngineMemory.value(engineMemory.scratchBytes()));
        values.put("memory.off_heap_bytes", EngineMemory.value(engineMemory.offHeapBytes()));
        values.put("memory.native_rss_growth_bytes", EngineMemory.value(engineMemory.nativeRssGrowthBytes()));
        values.put("memory.buffer_growth_bytes", bufferGrowth);
        values.put("memory.heap_peak_bytes", memory.heapPeakBytes());
        values.put("memory.rss_growth_bytes", memory.rssGrowthBytes());
        List<MetricValues> metrics = new ArrayList<>(base.metrics().values());
        metrics.add(latency);
        List<Map<String, Object>> evidence = IntStream.range(0, base.itemIds().size()).mapToObj(base::evidence).toList();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("engine", id.engine() + " " + id.version() + " (" + id.backend() + ")");
        details.put("model", spec.name());
        details.put("tokenizer_sha256", id.tokenizerSha256());
        details.put("threads", Integer.toString(es.threads()));
        details.put("batch_size", Integer.toString(es.batchSize()));
        details.put("max_seq_length", Integer.toString(spec.maxTokens()));
        details.put("index", "flat (exact cosine)");
        details.put("k", Integer.toString(x.k()));
        details.put("dataset", d.spec());
        cellProvenance.engine(new EngineIdentity(cell, kernelBackend, "", "", spec.source().describe(),
                id.modelSha256(), details));
        return EngineRun.of(cell, base.itemIds(), metrics, values, evidence);
    }

    /** The logged search of query {@code q}, or {@code null} when it is missing or for another query. */
    private static JsonNode savedQuery(ItemLog log, int q, String id) {
        JsonNode saved = log.done(q);
        return saved != null && id.equals(saved.path("id").asText(null)) && saved.path("encode_ns").isIntegralNumber()
                && saved.path("search_ns").isIntegralNumber()
                && saved.path("docs").isArray() && saved.path("scores").size() == saved.path("docs").size()
                ? saved : null;
    }

    private static ObjectNode queryItem(String id, long encodeNanos, long searchNanos, int[] docs, float[] scores) {
        ObjectNode item = JSON.createObjectNode().put("id", id).put("encode_ns", encodeNanos)
                .put("search_ns", searchNanos);
        ArrayNode d = item.putArray("docs");
        ArrayNode s = item.putArray("scores");
        for (int r = 0; r < docs.length; r++) {
            d.add(docs[r]);
            // Widened to double, which is exact, so the float reads back bit for bit.
            s.add((double) scores[r]);
        }
        return item;
    }

    private static int[] ints(JsonNode arr) {
        int[] out = new int[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = arr.get(i).intValue();
        }
        return out;
    }

    private static float[] floats(JsonNode arr) {
        float[] out = new float[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) arr.get(i).doubleValue();
        }
        return out;
    }

    /**
     * Encodes the corpus through the cache, timing each engine call. Before the first call the
     * engine is warmed up untimed on {@code latency.warmup} of the texts to encode (in batches,
     * cycling when there are fewer): a cold JVM still compiling the Java engines' Vector API code
     * would otherwise make them look several times slower than they are.
     */
    private CachedEncoder.Result encodeDocuments(Engine engine, List<String> texts, int batchSize, String label,
                                                 StageLatency stage, int[] warmed) {
        Progress.Task task = progress.start(label, texts.size());
        CachedEncoder.Result r = CachedEncoder.encode(engine, texts, false, !x.cache() ? null
                : x.cacheDir() != null ? x.cacheDir() : EmbeddingCache.defaultRoot(), new CachedEncoder.Listener() {
                    @Override
                    public void starting(List<String> pending) {
                        int n = 0;
                        while (n < x.warmup()) {
                            List<String> batch = new ArrayList<>();
                            for (int i = 0; i < batchSize && n < x.warmup(); i++, n++) {
                                batch.add(pending.get(n % pending.size()));
                            }
                            engine.encode(batch, false);
                            stage.warmup();
                        }
                        warmed[0] = n;
                    }

                    @Override
                    public void chunk(int n, long nanos, int done, int pending) {
                        stage.record(nanos, n);
                        task.update(texts.size() - pending + done);
                    }
                });
        task.update(texts.size());
        task.finish(r.cached());
        return r;
    }

    private static Run writeRun(Dataset d, List<Query> queries, int[][] ids, float[][] scores, String tag, Path file) {
        Map<String, TopicRun> topics = new LinkedHashMap<>();
        try {
            AtomicFiles.write(file, w -> {
                for (int q = 0; q < queries.size(); q++) {
                    String qid = queries.get(q).id();
                    TopicRun.Builder b = TopicRun.builder(qid);
                    for (int r = 0; r < ids[q].length; r++) {
                        String docId = d.docs().get(ids[q][r]).id();
                        // The shortest decimal that reads back as this float: the file and the
                        // in-process evaluation rank identically.
                        String score = Float.toString(scores[q][r]);
                        w.write(qid + " Q0 " + docId + " " + (r + 1) + " " + score + " " + tag + "\n");
                        b.add(docId, Double.parseDouble(score));
                    }
                    topics.put(qid, b.build());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run file " + file + ": " + e.getMessage(), e);
        }
        return new Run(tag, topics);
    }

    private EngineRun judgeCell(Dataset d, Provenance.Builder cellProvenance, ItemLog log) {
        MemoryProbe.Cell memory = MemoryProbe.startCell();
        List<RagSample> samples = JudgedSamples.answered(d);
        StageLatency stage = new StageLatency("judge");
        int threads = Runtime.getRuntime().availableProcessors();
        // The first few samples judged untimed, as with search, by a judge of their own: the local
        // judge keeps the vectors it computed, and the timed judge must start without them, or
        // warmed-up samples would be timed without their encoding.
        if (x.warmup() > 0) {
            try (Judge warm = LocalJudges.open(x.judge(), threads)) {
                for (int i = 0; i < x.warmup(); i++) {
                    warm.judge(JudgedSamples.input(samples.get(i % samples.size())));
                    stage.warmup();
                }
            }
        }
        try (Judge judge = LocalJudges.open(x.judge(), threads)) {
            return judgeCell(d, judge, samples, stage, memory, cellProvenance, log);
        }
    }

    private EngineRun judgeCell(Dataset d, Judge judge, List<RagSample> samples, StageLatency stage,
                                MemoryProbe.Cell memory, Provenance.Builder cellProvenance, ItemLog log) {
        String cell = judgeName(d);
        Progress.Task task = progress.start(cell + " judging samples", samples.size());
        List<Map<String, MetricValue>> scored = new ArrayList<>();
        long[] nanos = new long[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            Map<String, MetricValue> saved = savedSample(log.done(i), samples.get(i).id());
            if (saved != null) {
                nanos[i] = log.done(i).get("ns").longValue();
                scored.add(saved);
            } else {
                long s = System.nanoTime();
                Judgment j = judge.judge(JudgedSamples.input(samples.get(i)));
                nanos[i] = System.nanoTime() - s;
                scored.add(RagScorer.score(JudgedSamples.input(samples.get(i)), j));
                log.append(i, sampleItem(samples.get(i).id(), nanos[i], scored.getLast()));
            }
            stage.record(nanos[i], 1);
            task.update(i + 1);
        }
        task.finish(0);
        EngineRun.Builder b = EngineRun.builder(cell);
        for (String m : x.ragMetrics()) {
            b.metric(MetricInfo.score(m, m.replace('_', ' ')));
        }
        b.metric(MetricInfo.latencyMillis(LATENCY, LATENCY_DESCRIPTION));
        for (int i = 0; i < samples.size(); i++) {
            Map<String, MetricValue> v = scored.get(i);
            EngineRun.ItemBuilder item = b.item(samples.get(i).id());
            for (String m : x.ragMetrics()) {
                MetricValue mv = v.get(m);
                switch (mv.status()) {
                    case OK -> item.value(m, mv.value());
                    case UNDEFINED -> item.undefined(m);
                    case FAILED -> item.failed(m, mv.reason());
                }
            }
            item.value(LATENCY, nanos[i] / 1e6);
            if (samples.get(i).isLabelled()) {
                item.evidence(Map.of("label", samples.get(i).label().name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        stage.values().forEach(b::runValue);
        b.runValue("memory.heap_peak_bytes", memory.heapPeakBytes());
        b.runValue("memory.rss_growth_bytes", memory.rssGrowthBytes());
        var jid = judge.identity();
        cellProvenance.judge(new JudgeIdentity(jid.name(), jid.model(), jid.promptVersion(),
                Map.of("version", jid.version(), "parameters_sha256", jid.parametersHash())));
        return b.build();
    }

    /** The experiment's metrics of one judged sample, as logged. */
    private ObjectNode sampleItem(String id, long nanos, Map<String, MetricValue> values) {
        ObjectNode item = JSON.createObjectNode().put("id", id).put("ns", nanos);
        ObjectNode ms = item.putObject("metrics");
        for (String m : x.ragMetrics()) {
            MetricValue v = values.get(m);
            ObjectNode o = ms.putObject(m).put("status", v.status().name());
            if (v.status() == MetricValue.Status.OK) {
                o.put("value", v.value());
            }
            if (!v.reason().isEmpty()) {
                o.put("reason", v.reason());
            }
        }
        return item;
    }

    /** The logged metrics of sample {@code id}, or {@code null} when missing, for another sample or incomplete. */
    private Map<String, MetricValue> savedSample(JsonNode saved, String id) {
        if (saved == null || !id.equals(saved.path("id").asText(null)) || !saved.path("ns").isIntegralNumber()) {
            return null;
        }
        Map<String, MetricValue> out = new LinkedHashMap<>();
        for (String m : x.ragMetrics()) {
            JsonNode o = saved.path("metrics").path(m);
            MetricValue.Status status;
            try {
                status = MetricValue.Status.valueOf(o.path("status").asText(""));
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (status == MetricValue.Status.OK && !o.path("value").isNumber()) {
                return null;
            }
            out.put(m, new MetricValue(status == MetricValue.Status.OK ? o.get("value").doubleValue() : Double.NaN,
                    status, o.path("reason").asText("")));
        }
        return out;
    }

    private String source() {
        return x.source() == null ? "experiment" : x.source().toString();
    }

    /** The provenance record of a loaded dataset: short name, spec, fingerprint and counts. */
    public static DatasetFingerprint fingerprint(Dataset d) {
        return new DatasetFingerprint(datasetName(d.spec()), d.spec(), d.fingerprint(), counts(d.counts()));
    }

    /** A short name for a dataset spec: {@code builtin:demo} stays, {@code beir:../x/scifact} becomes {@code scifact}. */
    static String datasetName(String spec) {
        if (spec.startsWith("builtin:")) {
            return spec.substring("builtin:".length());
        }
        String path = spec.contains(":") ? spec.substring(spec.indexOf(':') + 1) : spec;
        Path p = Path.of(path).getFileName();
        return p == null ? spec : p.toString().replaceFirst("\\.zip$", "");
    }

    private static Map<String, Long> counts(DatasetCounts c) {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("documents", c.docs());
        out.put("queries", c.queries());
        out.put("judgments", c.judgments());
        out.put("samples", c.samples());
        c.labels().forEach((k, v) -> out.put("label:" + k, v));
        return out;
    }

    /** Writes the items file and the document, both to temporary files first, then renamed into place. */
    private static void write(Results r, Path file) {
        Path items = ResultsJson.itemsFileFor(file);
        Checkpoints.atomically(items, ResultsJson.itemsString(r), file, ResultsJson.documentString(r,
                items.getFileName().toString()));
    }
}
