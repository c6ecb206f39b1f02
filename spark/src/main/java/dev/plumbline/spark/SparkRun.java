package dev.plumbline.spark;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.Datasets;
import dev.plumbline.datasets.LoadOptions;
import dev.plumbline.engines.chunking.Chunkers;
import dev.plumbline.engines.retrieval.RetrieverConfig;
import dev.plumbline.harness.Main;
import dev.plumbline.harness.ProvenanceRecorder;
import dev.plumbline.harness.UsageException;
import dev.plumbline.harness.cli.ExperimentRunner;
import dev.plumbline.harness.run.Experiment;
import dev.plumbline.harness.run.ExperimentParser;
import dev.plumbline.harness.run.OutputFolder;
import dev.plumbline.harness.run.Pipeline;
import dev.plumbline.harness.run.Progress;
import dev.plumbline.reports.gate.GateRules;
import dev.plumbline.reports.provenance.DatasetFingerprint;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import dev.plumbline.reports.results.StatisticsConfig;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code plumbline-spark EXPERIMENT}: the retrieval cells of an experiment file run on Apache
 * Spark, writing the results document, TREC runs and reports that {@code plumbline run} writes for
 * the same file, with the same IR values (see {@link SparkRetrievalCell}). Runs under
 * {@code spark-submit} (any master) or on its own with {@code --master local[N]}. Dense retrievers
 * with exact search only; other stages are refused with the key path, as they need one process.
 */
@Command(name = "plumbline-spark", mixinStandardHelpOptions = true,
        description = "Run an experiment's dense retrieval cells on Apache Spark: corpus encoded in partitions,"
                + " exact distributed top-k, trec_eval-exact evaluation; the same results document as plumbline run.")
public final class SparkRun implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "experiment file (YAML), as for plumbline run")
    Path experiment;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: the experiment's output.dir)")
    Path out;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not under spark-submit, e.g. local[2] (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--partitions", paramLabel = "N", description = "corpus partitions (default: Spark's default parallelism)")
    Integer partitions;

    @Option(names = "--corpus-parquet", paramLabel = "PATH",
            description = "read the corpus from Parquet (_id, text, optional title and ordinal) on the executors; the"
                    + " experiment's dataset still gives the queries and qrels")
    String corpusParquet;

    @Option(names = "--embeddings-out", paramLabel = "PATH", description = "also write the corpus embeddings as Parquet")
    String embeddingsOut;

    @Option(names = "--embeddings-in", paramLabel = "PATH",
            description = "read corpus embeddings written by --embeddings-out instead of encoding (checked: same encoder)")
    String embeddingsIn;

    @Option(names = "--force", description = "replace an earlier run in the output folder")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "no progress lines")
    boolean quiet;

    @Option(names = "--verbose", description = "print stack traces with errors")
    boolean verbose;

    /** Runs the command line and exits with its code (0, 1 failed gate, 2 bad input, 3 internal). */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        CommandLine cli = new CommandLine(new SparkRun());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> Main.handle(ex, verbose, commandLine.getErr()));
        cli.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("plumbline: " + ex.getMessage() + " (see plumbline-spark --help)");
            err.flush();
            return Main.EXIT_USAGE;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        Experiment x = ExperimentParser.read(experiment);
        if (out != null) {
            x = x.withOutDir(out);
        }
        check(x);
        if (partitions != null && partitions < 1) {
            throw new UsageException("--partitions must be at least 1, got " + partitions);
        }
        if (embeddingsIn != null && embeddingsOut != null) {
            throw new UsageException("--embeddings-in reads what --embeddings-out writes; give one of them");
        }
        Results baseline = x.gateBaseline() == null ? null : ResultsJson.read(x.gateBaseline());
        GateRules rules = ExperimentRunner.gateRules(x, baseline);
        List<String> args = new ArrayList<>(List.of("spark", experiment.toString()));
        if (out != null) {
            args.addAll(List.of("--out", out.toString()));
        }
        Clock clock = Clock.systemUTC();
        Provenance.Builder provenance = ProvenanceRecorder.start(args, clock);
        Progress progress = new Progress(System.err, quiet);
        try (OutputFolder folder = OutputFolder.open(x.outDir(), force ? OutputFolder.Mode.REPLACE : OutputFolder.Mode.FRESH,
                quiet ? null : System.err)) {
            java.nio.file.Files.createDirectories(x.outDir().resolve("runs"));
            Results results = runCells(x, provenance, progress, clock);
            Pipeline.write(results, Pipeline.resultsFile(x));
            int code = ExperimentRunner.finish(x, results, rules, baseline);
            folder.finished();
            return code;
        }
    }

    /** Refuses what this runner cannot run, naming the key path. */
    static void check(Experiment x) {
        String source = x.source() == null ? "experiment" : x.source().toString();
        if (x.retrievers().isEmpty()) {
            throw new UsageException(source + ": retrievers: none; the Spark runner runs dense retrievers");
        }
        x.retrievers().forEach(SparkRetrievalCell::check);
        if (x.chunkingOrNone().stream().anyMatch(c -> !Chunkers.none(c))) {
            throw new UsageException(source + ": chunking: the Spark runner encodes whole documents; run chunked cells"
                    + " with plumbline run");
        }
        if (!x.rerankers().isEmpty()) {
            throw new UsageException(source + ": rerankers: the Spark runner has no second stage; run rerankers with"
                    + " plumbline run");
        }
        if (!x.generators().isEmpty()) {
            throw new UsageException(source + ": generators: the Spark runner has no end-to-end cells; run them with"
                    + " plumbline run");
        }
    }

    private Results runCells(Experiment x, Provenance.Builder provenance, Progress progress, Clock clock)
            throws IOException {
        SparkSession.Builder builder = SparkSession.builder().appName("plumbline " + x.name());
        if (master != null) {
            builder.master(master);
        } else if (System.getProperty("spark.master") == null) {
            builder.master("local[*]");
        }
        SparkSession spark = builder.getOrCreate();
        boolean local = spark.sparkContext().isLocal();
        try {
            // Spark logs every stage at INFO by default; a command line shows warnings and errors only.
            spark.sparkContext().setLogLevel(quiet ? "ERROR" : "WARN");
            int parts = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
            SparkRetrievalCell.Settings settings = new SparkRetrievalCell.Settings(parts, embeddingsIn, embeddingsOut);
            List<EngineRun> runs = new ArrayList<>();
            for (String spec : x.datasets()) {
                LoadOptions options = x.split() == null ? LoadOptions.DEFAULTS : LoadOptions.DEFAULTS.withSplit(x.split());
                // With a Parquet corpus the driver reads the dataset for its queries, qrels and
                // fingerprint, one document at a time, keeping none.
                Dataset d = corpusParquet != null ? Datasets.stream(spec, options, doc -> { }) : Datasets.load(spec, options);
                if (d.queries().isEmpty() || d.qrels() == null) {
                    throw new UsageException(spec + ": has no queries with qrels; the Spark runner runs retrieval cells");
                }
                if (!d.samples().isEmpty()) {
                    // Judging answered samples does not depend on retrieval; it stays with plumbline run.
                    progress.note(spec + ": its " + d.samples().size() + " RAG samples are not judged by the Spark"
                            + " runner; plumbline run EXPERIMENT adds the judge cell");
                }
                DatasetFingerprint fp = Pipeline.fingerprint(d);
                provenance.dataset(fp);
                org.apache.spark.sql.Dataset<DocRow> corpus = corpusParquet != null
                        ? SparkCorpus.parquet(spark, corpusParquet, partitions != null ? partitions : 0)
                        : SparkCorpus.of(spark, d, parts);
                corpus = corpus.cache();
                for (RetrieverConfig c : x.retrievers()) {
                    String cell = x.datasets().size() > 1 ? fp.name() + "/" + c.name() : c.name();
                    runs.add(SparkRetrievalCell.run(spark, x, d, corpus, c, cell, x.dropsIdenticalIds(d.spec()),
                            settings, provenance, progress));
                }
                corpus.unpersist();
            }
            provenance.seed("bootstrap", x.seed());
            if (x.source() != null) {
                provenance.experimentFile(x.source().toString());
            }
            provenance.finishedAt(clock.instant());
            String primary = runs.stream().anyMatch(r -> r.metrics().containsKey("ndcg_cut_10")) ? "ndcg_cut_10" : "";
            return Results.of(x.name(), primary, StatisticsConfig.DEFAULTS.withSeed(x.seed()), provenance.build(), runs);
        } finally {
            spark.stop();
            if (local) {
                ExecutorEngines.closeIdle();
            }
        }
    }
}
