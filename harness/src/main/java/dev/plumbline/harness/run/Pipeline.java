package dev.plumbline.harness.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.DatasetCounts;
import dev.plumbline.datasets.Datasets;
import dev.plumbline.datasets.LoadOptions;
import dev.plumbline.engines.StageConfig;
import dev.plumbline.engines.chunking.Chunkers;
import dev.plumbline.engines.retrieval.RetrieverConfig;
import dev.plumbline.harness.generate.Generators;
import dev.plumbline.harness.UsageException;
import dev.plumbline.reports.provenance.DatasetFingerprint;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.results.EngineRun;
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

/**
 * Runs an {@link Experiment}: plans its typed cells, a {@link RetrievalCell} per dataset ×
 * retriever and a {@link JudgeCell} per dataset with answered RAG samples (the samples carry
 * their own answers and contexts, so the judgment does not depend on the retriever), checkpoints
 * each finished cell and writes one results document with one provenance record. What a cell
 * does is the cell's own business.
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
    private final JudgeSettings judgeSettings;
    private final Shard shard;
    private Map<String, String> judgeDetails;

    private Pipeline(Experiment x, Progress progress, Provenance.Builder provenance, boolean resume, Clock clock,
                     Shard shard) {
        this.x = x;
        this.shard = shard;
        this.progress = progress;
        this.provenance = provenance;
        this.resume = resume;
        this.clock = clock;
        this.judgeSettings = x.judgeSettings(Runtime.getRuntime().availableProcessors());
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
        return run(x, progress, provenance, clock, resume, Shard.WHOLE);
    }

    /**
     * As {@link #run(Experiment, Progress, Provenance.Builder, Clock, boolean)}, for one part of
     * every cell: its queries (each searched against the whole corpus) and samples. The folder then
     * holds a partial results document and {@link ShardManifest#FILE}; {@code plumbline merge}
     * combines the parts into the unsharded run's results.
     */
    public static Results run(Experiment x, Progress progress, Provenance.Builder provenance, Clock clock,
                              boolean resume, Shard shard) {
        Results r = new Pipeline(x, progress, provenance, resume, clock, shard).runAll(clock);
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
            if (retrieval && x.retrievers().isEmpty()) {
                throw new UsageException(source() + ": engines: missing; datasets[" + i + "]: " + spec + " has a"
                        + " corpus with queries and qrels, so list engines to compare, e.g. [simd] (allowed: "
                        + ExperimentParser.engineNames() + "), or retrievers (see examples/hybrid.yaml)");
            }
            loaded.add(d);
            fingerprints.add(new DatasetFingerprint(datasetName(spec), spec, d.fingerprint(), counts(d.counts())));
            provenance.dataset(fingerprints.getLast());
        }
        if (loaded.stream().anyMatch(d -> !JudgedSamples.answered(d).isEmpty() || endToEnd(d))) {
            // Before any cell runs: an LLM judge without its API key fails now, not after the retrieval cells.
            try {
                Judges.provider(x.judge()).check(judgeSettings);
            } catch (IllegalArgumentException e) {
                throw new UsageException(source() + ": judge: " + e.getMessage());
            }
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
        if (!shard.whole()) {
            ShardManifest.of(x, shard).write(x.outDir());
        } else {
            // A whole run replacing a part (--force) must not leave the folder looking like a part.
            try {
                Files.deleteIfExists(x.outDir().resolve(ShardManifest.FILE));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + x.outDir().resolve(ShardManifest.FILE) + ": "
                        + e.getMessage(), e);
            }
        }
        List<EngineRun> runs = new ArrayList<>();
        int index = 0;
        for (int i = 0; i < loaded.size(); i++) {
            Dataset d = loaded.get(i);
            DatasetFingerprint fp = fingerprints.get(i);
            List<String> retrievalCells = new ArrayList<>();
            if (!d.docs().isEmpty() && !d.queries().isEmpty() && d.qrels() != null) {
                int contexts = !endToEnd(d) ? 0 : x.generators().stream().mapToInt(Generators::contexts).max().orElse(0);
                List<StageConfig> rerankers = new ArrayList<>();
                rerankers.add(null);
                rerankers.addAll(x.rerankers());
                for (RetrieverConfig r : x.retrievers()) {
                    for (StageConfig chunking : x.chunkingOrNone()) {
                        for (StageConfig reranker : rerankers) {
                            String name = retrievalName(d, r, chunking)
                                    + (reranker == null ? "" : "~" + reranker.name());
                            RetrievalCell cell = new RetrievalCell(x, progress, d, r, name,
                                    x.dropsIdenticalIds(d.spec()), chunking, reranker, contexts, shard);
                            runs.add(cell(checkpoints, index++, name, fp, false, cell::run));
                            retrievalCells.add(name);
                        }
                    }
                }
            }
            if (endToEnd(d)) {
                // Each retrieval cell's own hits feed each generator, so the answers differ by retriever.
                for (String retrieval : retrievalCells) {
                    for (StageConfig g : x.generators()) {
                        String name = retrieval + "+" + g.name();
                        RagCell cell = new RagCell(x, progress, d, retrieval, g, name,
                                () -> Judges.open(x.judge(), judgeSettings), shard);
                        runs.add(cell(checkpoints, index++, name, fp, true, cell::run));
                    }
                }
            }
            if (!JudgedSamples.answered(d).isEmpty()) {
                JudgeCell cell = new JudgeCell(x, progress, d, judgeName(d), () -> Judges.open(x.judge(), judgeSettings),
                        shard);
                runs.add(cell(checkpoints, index++, judgeName(d), fp, true, cell::run));
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
                ? checkpoints.load(index, name, dataset, x.judge(), judgeDetails())
                : checkpoints.load(index, name, dataset);
        if (saved != null) {
            progress.note(name + ": read back from its checkpoint");
        } else {
            Provenance.Builder cellProvenance = dev.plumbline.harness.ProvenanceRecorder.start(List.of(), clock)
                    .dataset(dataset);
            // What the logged items depend on beyond the experiment file (which --resume checks).
            var header = JSON.createObjectNode().put("cell", name).put("dataset_sha256", dataset.sha256());
            if (!shard.whole()) {
                header.put("shard", shard.toString());
            }
            if (judged) {
                ObjectNode details = header.put("judge", x.judge()).putObject("judge_details");
                new java.util.TreeMap<>(judgeDetails()).forEach(details::put);
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

    /** The judge's details, computed once (the llm judge's need its prompts loaded). */
    private Map<String, String> judgeDetails() {
        if (judgeDetails == null) {
            judgeDetails = Judges.provider(x.judge()).details(judgeSettings);
        }
        return judgeDetails;
    }

    /**
     * {@code RETRIEVER}, or {@code RETRIEVER@CHUNKER} for a chunked one (so unchunked cells keep the
     * names they had before chunking existed), after the dataset's name when there are several; a
     * reranked cell adds {@code ~RERANKER}.
     */
    private String retrievalName(Dataset d, RetrieverConfig r, StageConfig chunking) {
        String name = Chunkers.none(chunking) ? r.name() : r.name() + "@" + chunking.name();
        return x.datasets().size() > 1 ? datasetName(d.spec()) + "/" + name : name;
    }

    /** Whether {@code d} gets end-to-end cells: generators are configured and its queries carry reference answers. */
    private boolean endToEnd(Dataset d) {
        return !x.generators().isEmpty() && d.qrels() != null && !d.docs().isEmpty()
                && !QueryAnswers.answered(d).isEmpty();
    }

    private String judgeName(Dataset d) {
        return (x.datasets().size() > 1 ? datasetName(d.spec()) + "/" : "") + "judge-" + x.judge();
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

    /**
     * Writes the items file and the document, both to temporary files first, then renamed into
     * place: how every runner of an experiment writes {@link #resultsFile}.
     */
    public static void write(Results r, Path file) {
        Path items = ResultsJson.itemsFileFor(file);
        Checkpoints.atomically(items, ResultsJson.itemsString(r), file, ResultsJson.documentString(r,
                items.getFileName().toString()));
    }
}
