package dev.plumbline.harness.cli;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.Datasets;
import dev.plumbline.datasets.Doc;
import dev.plumbline.datasets.LoadOptions;
import dev.plumbline.datasets.OnError;
import dev.plumbline.datasets.Query;
import dev.plumbline.datasets.trec.Run;
import dev.plumbline.datasets.trec.TopicRun;
import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.EngineProvider;
import dev.plumbline.engines.cache.EmbeddingCache;
import dev.plumbline.engines.Engines;
import dev.plumbline.engines.index.FlatIndex;
import dev.plumbline.engines.index.SearchResults;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.model.ModelSpec;
import dev.plumbline.harness.UsageException;
import dev.plumbline.harness.run.CachedEncoder;
import dev.plumbline.metrics.ir.EvalParams;
import dev.plumbline.metrics.ir.IrEvaluator;
import dev.plumbline.metrics.ir.TrecEvalFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.plumbline.reports.AtomicFiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code plumbline retrieve}: embeds a BEIR corpus and its queries with one model on one engine,
 * searches exactly (top k by cosine), writes a TREC run, and with {@code --eval} scores it with
 * trec_eval semantics under {@code -c} (every judged query counts), as MTEB does.
 */
@Command(name = "retrieve", mixinStandardHelpOptions = true,
        description = "Dense retrieval over a BEIR dataset: encode, exact top-k search, TREC run, optional evaluation.")
public final class RetrieveCommand implements Callable<Integer> {
    @Option(names = "--dataset", required = true, description = "beir:DIR (or a .zip of one)")
    String dataset;

    @Option(names = "--split", defaultValue = "test", description = "qrels split (default test)")
    String split;

    @Option(names = "--model", defaultValue = "minilm-l6", description = "minilm-l6, bge-small-en-v1.5, e5-small-v2")
    String model;

    @Option(names = "--model-path", description = "a BERT-family ONNX export instead of a built-in model: a folder "
            + "(or .onnx file) with model.onnx and tokenizer.json; give --pooling, --max-tokens and prefixes as the model needs")
    Path modelPath;

    @Option(names = "--pooling", defaultValue = "MEAN", description = "with --model-path: MEAN or CLS")
    dev.plumbline.engines.model.Pooling pooling;

    @Option(names = "--max-tokens", defaultValue = "512", description = "with --model-path: truncation length")
    int maxTokens;

    @Option(names = "--query-prefix", defaultValue = "", description = "with --model-path: text put before queries")
    String queryPrefix;

    @Option(names = "--passage-prefix", defaultValue = "", description = "with --model-path: text put before documents")
    String passagePrefix;

    @Option(names = "--engine", defaultValue = "simd", description = "encoder engine (see plumbline engines), or auto for the best available full-precision one")
    String engine;

    @Option(names = "--k", defaultValue = "1000", description = "documents retrieved per query")
    int k;

    @Option(names = "--out", required = true, description = "TREC run file to write")
    Path out;

    @Option(names = "--threads", description = "compute threads (default: all cores)")
    Integer threads;

    @Option(names = "--batch-size", defaultValue = "32", description = "sequences per encoder batch")
    int batchSize;

    @Option(names = "--no-cache", description = "do not read or write the embeddings cache")
    boolean noCache;

    @Option(names = "--ignore-identical-ids", description = "drop a hit whose document id equals the query id (ArguAna protocol)")
    boolean ignoreIdenticalIds;

    @Option(names = "--eval", description = "print trec_eval measures for the run (with -c semantics)")
    boolean eval;

    @Option(names = "-m", description = "measures for --eval (default ndcg_cut.10, recall.100, recip_rank)")
    List<String> measures = new ArrayList<>(List.of("ndcg_cut.10", "recall.100", "recip_rank"));

    @Override
    public Integer call() throws IOException {
        if (k < 1) {
            throw new UsageException("--k must be at least 1, got " + k);
        }
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Dataset d = Datasets.load(dataset, new LoadOptions(split, OnError.FAIL, LoadOptions.DEFAULT_MAX_LINE_BYTES,
                LoadOptions.DEFAULT_MAX_ARCHIVE_BYTES, 1000));
        if (d.docs().isEmpty() || d.queries().isEmpty()) {
            throw new UsageException(dataset + " has no corpus or no queries; retrieve needs a beir: dataset");
        }
        List<Query> queries = new ArrayList<>();
        for (Query q : d.queries()) {
            if (d.qrels() == null || d.qrels().topic(q.id()) != null) {
                queries.add(q);
            }
        }
        ModelSpec spec = modelPath != null
                ? ModelRegistry.fromPath(modelPath, pooling, true, maxTokens, queryPrefix, passagePrefix)
                : ModelRegistry.get(model);
        EngineProvider provider = Engines.provider(engine);
        engine = provider.name();
        if (!provider.availability().available()) {
            throw new UsageException("engine " + engine + " is " + provider.availability().describe());
        }
        long t0 = System.nanoTime();
        float[][] docVectors;
        float[][] queryVectors;
        String identity;
        try (Engine e = provider.open(spec, new EngineOptions(nThreads, batchSize))) {
            identity = e.identity().describe();
            List<String> docTexts = d.docs().stream().map(Doc::fullText).toList();
            docVectors = encode(e, docTexts, false, "documents");
            queryVectors = encode(e, queries.stream().map(Query::text).toList(), true, "queries");
        }
        long t1 = System.nanoTime();
        FlatIndex index = new FlatIndex(docVectors[0].length);
        for (float[] v : docVectors) {
            index.add(v);
        }
        int depth = ignoreIdenticalIds ? k + 1 : k;
        SearchResults hits = index.search(queryVectors, depth, nThreads);
        long t2 = System.nanoTime();
        String tag = "plumbline-" + engine + "-" + spec.name();
        Map<String, TopicRun> topics = new LinkedHashMap<>();
        AtomicFiles.write(out, w -> {
            for (int q = 0; q < queries.size(); q++) {
                String qid = queries.get(q).id();
                TopicRun.Builder b = TopicRun.builder(qid);
                int rank = 0;
                for (int r = 0; r < hits.ids()[q].length && rank < k; r++) {
                    String docId = d.docs().get(hits.ids()[q][r]).id();
                    if (ignoreIdenticalIds && docId.equals(qid)) {
                        continue;
                    }
                    // The shortest decimal that reads back as this float: the file and the
                    // in-process evaluation rank identically.
                    String score = Float.toString(hits.scores()[q][r]);
                    w.write(qid + " Q0 " + docId + " " + (++rank) + " " + score + " " + tag + "\n");
                    b.add(docId, Double.parseDouble(score));
                }
                topics.put(qid, b.build());
            }
        });
        System.err.printf(Locale.ROOT, "plumbline: %s; encoded %d documents and %d queries in %.1f s, searched in %.2f s; wrote %s%n",
                identity, docVectors.length, queryVectors.length, (t1 - t0) / 1e9, (t2 - t1) / 1e9, out);
        if (eval) {
            if (d.qrels() == null) {
                throw new UsageException(dataset + " has no qrels for split " + split + "; drop --eval");
            }
            Writer stdout = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            TrecEvalFormat.write(IrEvaluator.of(d.qrels(), measures, EvalParams.DEFAULTS.withAverageComplete(true))
                    .evaluate(new Run(tag, topics)), false, stdout);
            stdout.flush();
        }
        return 0;
    }

    /** Encodes with the on-disk cache unless {@code --no-cache}; progress on stderr. */
    private float[][] encode(Engine e, List<String> texts, boolean query, String what) {
        long start = System.nanoTime();
        CachedEncoder.Result r = CachedEncoder.encode(e, texts, query,
                noCache ? null : EmbeddingCache.defaultRoot(), (n, nanos, done, pending) -> {
            double secs = (System.nanoTime() - start) / 1e9;
            System.err.printf(Locale.ROOT, "\rplumbline: encoding %s %d/%d (%.1f/s)", what, done, pending,
                    done / Math.max(secs, 1e-9));
        });
        if (r.cached() < texts.size()) {
            System.err.println();
        }
        return r.vectors();
    }
}
