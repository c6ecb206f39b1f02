package dev.plumbline.harness.cli;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.Datasets;
import dev.plumbline.datasets.Doc;
import dev.plumbline.datasets.LoadOptions;
import dev.plumbline.datasets.OnError;
import dev.plumbline.datasets.Query;
import dev.plumbline.datasets.trec.Run;
import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineProvider;
import dev.plumbline.engines.Engines;
import dev.plumbline.engines.cache.EmbeddingCache;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.retrieval.Corpus;
import dev.plumbline.engines.retrieval.Hits;
import dev.plumbline.engines.retrieval.Retriever;
import dev.plumbline.engines.retrieval.RetrieverConfig;
import dev.plumbline.engines.retrieval.RetrieverContext;
import dev.plumbline.engines.retrieval.Retrievers;
import dev.plumbline.harness.UsageException;
import dev.plumbline.engines.StageConfig;
import dev.plumbline.engines.chunking.Chunkers;
import dev.plumbline.engines.retrieval.ChunkedRetriever;
import dev.plumbline.harness.run.CachedEncoder;
import dev.plumbline.harness.run.ModelTokens;
import dev.plumbline.harness.run.ExperimentParser;
import dev.plumbline.harness.run.TrecRunWriter;
import dev.plumbline.metrics.ir.EvalParams;
import dev.plumbline.metrics.ir.IrEvaluator;
import dev.plumbline.metrics.ir.IrInputException;
import dev.plumbline.metrics.ir.MeasureSelection;
import dev.plumbline.metrics.ir.TrecEvalFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code plumbline retrieve}: retrieves for every query of a BEIR dataset with one retriever
 * ({@code dense}: a model on an engine over a vector index; {@code bm25}; {@code hybrid}: a
 * fusion of those), writes a TREC run, and with {@code --eval} scores it with trec_eval semantics
 * under {@code -c} (every judged query counts), as MTEB does. The retriever is built through the
 * same registry as an experiment's {@code retrievers:}.
 */
@Command(name = "retrieve", mixinStandardHelpOptions = true,
        description = "Retrieval over a BEIR dataset (dense, bm25 or hybrid): top-k per query, TREC run, optional evaluation.")
public final class RetrieveCommand implements Callable<Integer> {
    @Option(names = "--dataset", required = true, description = "beir:DIR (or a .zip of one)")
    String dataset;

    @Option(names = "--split", defaultValue = "test", description = "qrels split (default test)")
    String split;

    @Option(names = "--retriever", defaultValue = "dense", description = "dense (default: --model on --engine over"
            + " --index), bm25 (Lucene, Anserini's BEIR settings) or hybrid (a --fusion of the --of retrievers)")
    String retriever;

    @Option(names = "--index", defaultValue = "flat", description = "dense: the vector index (default flat, exact);"
            + " see the index registry")
    String index;

    @Option(names = "--index-option", description = "dense: an index option KEY=VALUE (repeatable)")
    List<String> indexOptions;

    @Option(names = "--bm25-k1", description = "bm25: k1 (default 0.9)")
    Double bm25K1;

    @Option(names = "--bm25-b", description = "bm25: b (default 0.4)")
    Double bm25B;

    @Option(names = "--of", split = ",", description = "hybrid: the retrievers it fuses (default bm25,dense), each with"
            + " the options above")
    List<String> of;

    @Option(names = "--fusion", description = "hybrid: rrf (default), sum, mnz or wsum (ranx's names)")
    String fusion;

    @Option(names = "--fusion-k", description = "hybrid with rrf: k in 1/(k + rank) (default 60)")
    Integer fusionK;

    @Option(names = "--norm", description = "hybrid with sum, mnz, wsum: min-max (default), max or zmuv (z-score)")
    String norm;

    @Option(names = "--weights", description = "hybrid with wsum: one weight per retriever in --of, comma-separated")
    String weights;

    @Option(names = "--depth", description = "hybrid: documents each fused retriever retrieves (default 1000)")
    Integer depth;

    @Option(names = "--chunker", description = "cut documents into chunks before indexing: fixed, sentence, paragraph,"
            + " sliding, recursive or semantic (default: whole documents); the run still ranks documents (--aggregate)")
    String chunker;

    @Option(names = "--chunk-option", description = "with --chunker: a chunker option KEY=VALUE (repeatable), e.g."
            + " size=128, overlap=16")
    List<String> chunkOptions;

    @Option(names = "--aggregate", description = "with --chunker: how chunk scores rank documents: maxp (default),"
            + " firstp or sump")
    String aggregate;

    @Option(names = "--model", description = "minilm-l6 (default), bge-small-en-v1.5, e5-small-v2")
    String model;

    @Option(names = "--model-path", description = "a BERT-family ONNX export instead of a built-in model: a folder "
            + "(or .onnx file) with model.onnx and tokenizer.json; give --pooling, --max-tokens and prefixes as the model needs")
    Path modelPath;

    @Option(names = "--pooling", description = "with --model-path: MEAN (default) or CLS")
    dev.plumbline.engines.model.Pooling pooling;

    @Option(names = "--max-tokens", description = "truncation length in tokens, from 3 (default: the model's own"
            + " limit; 512 with --model-path)")
    Integer maxTokens;

    @Option(names = "--query-prefix", description = "with --model-path: text put before queries")
    String queryPrefix;

    @Option(names = "--passage-prefix", description = "with --model-path: text put before documents")
    String passagePrefix;

    @Option(names = "--engine", defaultValue = "simd", description = "encoder engine (see plumbline engines), or auto for the best available full-precision one")
    String engine;

    @Option(names = "--k", defaultValue = "1000", description = "documents retrieved per query (1 to 100000)")
    int k;

    @Option(names = "--out", required = true, description = "TREC run file to write")
    Path out;

    @Option(names = "--threads", description = "compute threads (default: all cores)")
    Integer threads;

    @Option(names = "--batch-size", defaultValue = "32", description = "sequences per encoder batch")
    int batchSize;

    @Option(names = "--no-cache", description = "do not read or write the embeddings cache")
    boolean noCache;

    @Option(names = "--ignore-identical-ids", description = "drop a hit whose document id equals the query id, BEIR's"
            + " protocol (the default; it matters on ArguAna and Quora, whose queries are corpus documents)")
    boolean ignoreIdenticalIds;

    @Option(names = "--keep-identical-ids", description = "keep a hit whose document id equals the query id")
    boolean keepIdenticalIds;

    @Option(names = "--eval", description = "print trec_eval measures for the run (with -c semantics)")
    boolean eval;

    @Option(names = "-m", description = "measures for --eval (default ndcg_cut.10, recall.100, recip_rank)")
    List<String> measures;

    /** Measures for {@code --eval} without {@code -m}. */
    static final List<String> DEFAULT_MEASURES = List.of("ndcg_cut.10", "recall.100", "recip_rank");
    /** Largest {@code --max-tokens} for a model from {@code --model-path}, whose position table is unknown until it runs. */
    static final int MAX_TOKENS_MODEL_PATH = 8192;

    @Override
    public Integer call() throws IOException {
        // Every option is checked before anything is loaded, encoded or written.
        range("--k", k, 1, ExperimentParser.MAX_K);
        if (threads != null) {
            range("--threads", threads, 1, ExperimentParser.MAX_THREADS);
        }
        range("--batch-size", batchSize, 1, ExperimentParser.MAX_BATCH);
        if (modelPath != null && model != null) {
            throw new UsageException("give --model or --model-path, not both");
        }
        if (modelPath == null) {
            for (var given : List.of(java.util.Map.entry("--pooling", pooling != null),
                    java.util.Map.entry("--query-prefix", queryPrefix != null),
                    java.util.Map.entry("--passage-prefix", passagePrefix != null))) {
                if (given.getValue()) {
                    throw new UsageException(given.getKey() + " applies only with --model-path; a built-in model brings"
                            + " its own pooling and prefixes, so drop " + given.getKey());
                }
            }
        }
        if (maxTokens != null) {
            range("--max-tokens", maxTokens, 3, modelPath != null ? MAX_TOKENS_MODEL_PATH : ExperimentParser.MAX_SEQ_LENGTH);
        }
        if (measures != null && !eval) {
            throw new UsageException("-m chooses the measures --eval prints; add --eval or drop -m");
        }
        List<String> ms = measures != null ? measures : DEFAULT_MEASURES;
        if (eval) {
            try {
                MeasureSelection.parse(ms);
            } catch (IrInputException e) {
                throw new UsageException("-m: " + e.getMessage());
            }
        }
        boolean dense = retriever.equals("dense") || retriever.equals("hybrid") && (of == null || of.contains("dense"));
        if (dense) {
            // Resolved here, as before retrievers, so the messages name the options.
            if (modelPath == null) {
                ModelRegistry.get(model != null ? model : "minilm-l6");
            }
            EngineProvider provider = Engines.provider(engine);
            engine = provider.name();
            if (!provider.availability().available()) {
                throw new UsageException("engine " + engine + " is " + provider.availability().describe());
            }
        }
        if (ignoreIdenticalIds && keepIdenticalIds) {
            throw new UsageException("give --ignore-identical-ids or --keep-identical-ids, not both");
        }
        RetrieverConfig config = config();
        try {
            Retrievers.check(config);
        } catch (IllegalArgumentException e) {
            throw new UsageException(optionNames(e.getMessage()));
        }
        StageConfig chunking = chunking();
        Path tmp = outputTemp();
        try {
            return retrieve(config, chunking, tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The chunking the options describe ({@code none} without {@code --chunker}), checked. */
    private StageConfig chunking() {
        if (chunker == null) {
            for (var given : List.of(Map.entry("--chunk-option", chunkOptions != null),
                    Map.entry("--aggregate", aggregate != null))) {
                if (given.getValue()) {
                    throw new UsageException(given.getKey() + " applies only with --chunker");
                }
            }
            return Chunkers.config(Chunkers.NONE, Chunkers.NONE, "--chunker", Map.of());
        }
        Map<String, String> o = new LinkedHashMap<>();
        for (String kv : chunkOptions != null ? chunkOptions : List.<String>of()) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--chunk-option must be KEY=VALUE, got '" + kv + "'");
            }
            o.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        if (aggregate != null) {
            o.put("aggregate", aggregate);
        }
        StageConfig c = Chunkers.config(chunker, chunker, "--chunker", o);
        try {
            Chunkers.check(c);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new UsageException(m.startsWith("--chunker.aggregate") ? "--aggregate" + m.substring(19)
                    : m.startsWith("--chunker.type: ") ? "--chunker: " + m.substring(16)
                    : m.startsWith("--chunker.") ? "--chunk-option " + m.substring(10) : m);
        }
        return c;
    }

    /** The retriever the options describe, keyed by option names so errors name the option. */
    private RetrieverConfig config() {
        if (!List.of("dense", "bm25", "hybrid").contains(retriever)) {
            throw new UsageException("--retriever must be dense, bm25 or hybrid, got '" + retriever + "'");
        }
        boolean hybrid = retriever.equals("hybrid");
        for (var given : List.of(Map.entry("--of", of != null), Map.entry("--fusion", fusion != null),
                Map.entry("--fusion-k", fusionK != null), Map.entry("--norm", norm != null),
                Map.entry("--weights", weights != null), Map.entry("--depth", depth != null))) {
            if (given.getValue() && !hybrid) {
                throw new UsageException(given.getKey() + " applies only with --retriever hybrid");
            }
        }
        if (!hybrid) {
            return part(retriever);
        }
        List<String> parts = of != null ? of : List.of("bm25", "dense");
        List<RetrieverConfig> configs = new ArrayList<>();
        for (String p : parts) {
            if (!List.of("dense", "bm25").contains(p)) {
                throw new UsageException("--of: each retriever must be dense or bm25, got '" + p + "'");
            }
            if (parts.indexOf(p) != parts.lastIndexOf(p)) {
                throw new UsageException("--of lists " + p + " twice; the command line configures one of each"
                        + " (an experiment file's retrievers: can fuse any)");
            }
            configs.add(part(p));
        }
        Map<String, String> o = new LinkedHashMap<>();
        o.put("method", fusion != null ? fusion : "rrf");
        if (fusionK != null) {
            o.put("k", Integer.toString(fusionK));
        }
        if (norm != null) {
            o.put("norm", norm);
        }
        if (weights != null) {
            o.put("weights", weights);
        }
        if (depth != null) {
            o.put("depth", Integer.toString(depth));
        }
        return new RetrieverConfig("hybrid", "hybrid", "--fusion", o, configs);
    }

    /** Key paths of the configs built here, as the options that set them ({@code --dense.index} is {@code --index}). */
    private static final List<Map.Entry<String, String>> OPTION_OF_KEY = List.of(
            Map.entry("--dense.index.", "--index-option "), Map.entry("--dense.index", "--index"),
            Map.entry("--dense.max_seq_length", "--max-tokens"), Map.entry("--dense.", "--"),
            Map.entry("--bm25.k1", "--bm25-k1"), Map.entry("--bm25.b", "--bm25-b"), Map.entry("--bm25.", "--"),
            Map.entry("--fusion.method", "--fusion"), Map.entry("--fusion.k", "--fusion-k"),
            Map.entry("--fusion.of", "--of"), Map.entry("--fusion.", "--"));

    /** A retriever's message with its key path put as the command-line option. */
    static String optionNames(String message) {
        for (Map.Entry<String, String> e : OPTION_OF_KEY) {
            if (message.startsWith(e.getKey())) {
                return e.getValue() + message.substring(e.getKey().length());
            }
        }
        return message;
    }

    /** A dense or bm25 retriever from the options. */
    private RetrieverConfig part(String type) {
        Map<String, String> o = new LinkedHashMap<>();
        if (threads != null) {
            o.put("threads", Integer.toString(threads));
        }
        if (type.equals("bm25")) {
            if (bm25K1 != null) {
                o.put("k1", Double.toString(bm25K1));
            }
            if (bm25B != null) {
                o.put("b", Double.toString(bm25B));
            }
            return new RetrieverConfig("bm25", "bm25", "--bm25", o, List.of());
        }
        if (modelPath != null) {
            o.put("model_path", modelPath.toString());
            o.put("pooling", pooling != null ? pooling.name() : "MEAN");
            if (queryPrefix != null) {
                o.put("query_prefix", queryPrefix);
            }
            if (passagePrefix != null) {
                o.put("passage_prefix", passagePrefix);
            }
        } else {
            o.put("model", model != null ? model : "minilm-l6");
        }
        if (maxTokens != null) {
            o.put("max_seq_length", Integer.toString(maxTokens));
        }
        o.put("engine", engine);
        o.put("batch_size", Integer.toString(batchSize));
        o.put("index", index);
        for (String kv : indexOptions != null ? indexOptions : List.<String>of()) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--index-option must be KEY=VALUE, got '" + kv + "'");
            }
            o.put("index." + kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return new RetrieverConfig("dense", "dense", "--dense", o, List.of());
    }

    private static void range(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new UsageException(option + " must be from " + min + " to " + max + ", got " + value);
        }
    }

    /**
     * The temporary file the run is written to before it is renamed to {@code --out}, made now,
     * so a folder that is missing or cannot be written fails before the encoding.
     */
    private Path outputTemp() {
        if (out.toString().isEmpty()) {
            throw new UsageException("--out is empty; give the TREC run file to write");
        }
        if (Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a folder; give the TREC run file to write, e.g. "
                    + out.resolve("run.trec"));
        }
        Path parent = ReportOutput.dirOf(out);
        if (!Files.isDirectory(parent)) {
            throw new UsageException("--out " + out + ": " + parent + (Files.exists(parent) ? " is a file" : " does not exist")
                    + "; create the folder first or write elsewhere");
        }
        try {
            return Files.createTempFile(parent, out.getFileName().toString(), ".tmp");
        } catch (IOException e) {
            throw new UsageException("--out " + out + ": cannot write into " + parent + ": "
                    + dev.plumbline.harness.run.OutputFolder.reason(e, parent) + "; write elsewhere");
        }
    }

    private int retrieve(RetrieverConfig config, StageConfig chunking, Path tmp) throws IOException {
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Dataset d = Datasets.load(dataset, new LoadOptions(split, OnError.FAIL, LoadOptions.DEFAULT_MAX_LINE_BYTES,
                LoadOptions.DEFAULT_MAX_ARCHIVE_BYTES, 1000));
        if (d.docs().isEmpty() || d.queries().isEmpty()) {
            throw new UsageException(dataset + " has no corpus or no queries; retrieve needs a beir: dataset");
        }
        if (eval && d.qrels() == null) {
            throw new UsageException(dataset + " has no qrels for split " + split + "; drop --eval");
        }
        List<Query> queries = new ArrayList<>();
        for (Query q : d.queries()) {
            if (d.qrels() == null || d.qrels().topic(q.id()) != null) {
                queries.add(q);
            }
        }
        // BEIR's protocol by default for beir: datasets, as run does.
        boolean dropIdentical = !keepIdenticalIds && (ignoreIdenticalIds || dataset.startsWith("beir:"));
        Corpus corpus = new Corpus(d.docs().stream().map(Doc::id).toList(), d.docs().stream().map(Doc::fullText).toList());
        long t0 = System.nanoTime();
        List<Hits> hits;
        String identity;
        double buildMs;
        boolean chunked = !Chunkers.none(chunking);
        ModelTokens modelTokens = chunked || !config.type().equals("bm25") ? ModelTokens.of(config, this::encode) : null;
        try (ModelTokens model = modelTokens; Retriever r = chunked
                ? ChunkedRetriever.open(config, Chunkers.open(chunking, model.chunkerContext()), chunking, corpus,
                        new RetrieverContext(this::encode))
                : Retrievers.open(config, corpus, new RetrieverContext(this::encode))) {
            if (model != null && model.own()) {
                // What the model's token limit cuts off when documents are read whole.
                System.err.printf(Locale.ROOT, "plumbline: %d of %d documents are longer than the model's %d tokens"
                        + " and are truncated when read whole%n", model.truncated(corpus.texts()), corpus.size(),
                        model.maxTokens());
            }
            if (r instanceof ChunkedRetriever cr) {
                System.err.printf(Locale.ROOT, "plumbline: %d chunks (%.2f per document) by %s%s%n", cr.chunks().size(),
                        cr.chunksPerDoc(), chunking.type(), model != null && model.own() ? ", " + model.truncated(
                                cr.chunks().stream().map(dev.plumbline.engines.chunking.Chunk::text).toList())
                                + " of them truncated" : "");
            }
            identity = r.describe();
            buildMs = r.buildMillis();
            hits = r.searchAll(queries.stream().map(Query::text).toList(), dropIdentical ? k + 1 : k, nThreads);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        long t1 = System.nanoTime();
        String tag = switch (config.type()) {
            case "dense" -> "plumbline-" + engineName(config) + "-" + modelName(config);
            case "hybrid" -> "plumbline-hybrid-" + config.stringValue("method", "rrf");
            default -> "plumbline-" + config.type();
        };
        List<TrecRunWriter.Topic> topics = new ArrayList<>();
        for (int q = 0; q < queries.size(); q++) {
            String qid = queries.get(q).id();
            List<String> docnos = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            for (int i = 0; i < hits.get(q).size() && docnos.size() < k; i++) {
                String docId = d.docs().get(hits.get(q).docs()[i]).id();
                if (dropIdentical && docId.equals(qid)) {
                    continue;
                }
                docnos.add(docId);
                scores.add(hits.get(q).scores()[i]);
            }
            topics.add(new TrecRunWriter.Topic(qid, docnos, scores.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        Run run = TrecRunWriter.write(out, tag, topics);
        System.err.printf(Locale.ROOT, "plumbline: %s; built and searched %d documents for %d queries in %.1f s"
                        + " (index build %.2f s)%s; wrote %s%n", identity, d.docs().size(), queries.size(),
                (t1 - t0) / 1e9, buildMs / 1e3, dropIdentical ? ", hits equal to the query id dropped" : "", out);
        if (eval) {
            Writer stdout = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            TrecEvalFormat.write(IrEvaluator.of(d.qrels(), measures != null ? measures : DEFAULT_MEASURES,
                    EvalParams.DEFAULTS.withAverageComplete(true)).evaluate(run), false, stdout);
            stdout.flush();
        }
        return 0;
    }

    /** The engine a dense retriever runs on, {@code auto} resolved. */
    private static String engineName(RetrieverConfig c) {
        return Engines.provider(c.stringValue("engine", "simd")).name();
    }

    private static String modelName(RetrieverConfig c) {
        String path = c.stringValue("model_path", null);
        return path != null ? Path.of(path).getFileName().toString() : c.stringValue("model", "minilm-l6");
    }

    /** Encodes with the on-disk cache unless {@code --no-cache}; progress on stderr. */
    private float[][] encode(Engine e, List<String> texts, boolean query, String what) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
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
