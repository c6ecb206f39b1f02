package dev.plumbline.harness.cli;

import dev.plumbline.datasets.trec.Qrels;
import dev.plumbline.datasets.trec.Run;
import dev.plumbline.datasets.trec.TrecQrelsReader;
import dev.plumbline.datasets.trec.TrecRunReader;
import dev.plumbline.harness.ProvenanceRecorder;
import dev.plumbline.harness.UsageException;
import dev.plumbline.metrics.ir.EvalParams;
import dev.plumbline.metrics.ir.IrEvaluator;
import dev.plumbline.metrics.ir.IrResults;
import dev.plumbline.reports.Report;
import dev.plumbline.reports.ReportWriters;
import dev.plumbline.reports.provenance.DatasetFingerprint;
import dev.plumbline.reports.provenance.EngineIdentity;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.provenance.Sha256;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.IrEngineRuns;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import dev.plumbline.reports.results.StatisticsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code plumbline report}: renders a results document in any formats, or first builds one from
 * a TREC qrels file and one or more runs (each run an engine), so reports, compare and gate work
 * on IR data today.
 */
@Command(name = "report",
        description = {"Write reports (html, md, csv, parquet, junit, allure, allure-html, json) from a results.json,",
                "or score TREC runs against qrels into a results document and report on it."},
        mixinStandardHelpOptions = true,
        footer = {"", "Examples:",
                "  plumbline report --qrels qrels.txt --run bm25.txt --run dense.txt --out out/",
                "  plumbline report out/results.json --format html,md,csv,junit,allure"})
public final class ReportCommand implements Callable<Integer> {
    /** Measures computed for runs unless -m is given: trec_eval's official set plus the usual IR headline numbers. */
    static final List<String> DEFAULT_MEASURES = List.of("official", "ndcg_cut.10", "recall.100");

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "RESULTS", description = "a results.json written by Plumbline")
    Path resultsFile;

    @Option(names = "--qrels", paramLabel = "FILE", description = "TREC qrels to score --run files against")
    Path qrels;

    @Option(names = "--run", paramLabel = "FILE", description = "TREC run file, one engine each (repeatable)")
    List<Path> runs = new ArrayList<>();

    @Option(names = {"-m", "--measure"}, paramLabel = "MEASURE",
            description = "trec_eval measure or set (repeatable; default official, ndcg_cut.10, recall.100)")
    List<String> measures = new ArrayList<>();

    @Option(names = "-c", description = "score qrels topics missing from a run as 0 (trec_eval -c)")
    boolean complete;

    @Option(names = "-l", paramLabel = "LEVEL", description = "relevance level (trec_eval -l, default 1)")
    long relevanceLevel = 1;

    @Option(names = "--run-id", paramLabel = "NAME", description = "name of the results (default: the run id)")
    String runId;

    @Option(names = "--primary", paramLabel = "METRIC",
            description = "metric reports lead with (default ndcg_cut_10 when computed, else map)")
    String primary;

    @Option(names = "--seed", description = "bootstrap seed (default ${DEFAULT-VALUE})")
    long seed = StatisticsConfig.DEFAULTS.seed();

    @Option(names = "--bootstrap-samples", paramLabel = "N", description = "bootstrap replicates (default ${DEFAULT-VALUE})")
    int bootstrapSamples = StatisticsConfig.DEFAULTS.bootstrapSamples();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMATS", split = ",",
            description = "formats, comma separated (default: html,md; json,html,md when scoring runs)")
    List<String> formats = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "output directory (default: beside the results file, or beside the first run)")
    Path out;

    @Option(names = "--list-formats", description = "list the report formats and exit")
    boolean listFormats;

    @Override
    public Integer call() {
        if (listFormats) {
            ReportWriters.all().values().forEach(w -> System.out.printf("%-12s %s%n", w.format(), w.description()));
            return 0;
        }
        Report report;
        Path dir;
        List<String> fmts = new ArrayList<>(formats);
        if (resultsFile != null) {
            if (qrels != null || !runs.isEmpty()) {
                throw new UsageException("give either RESULTS or --qrels with --run, not both");
            }
            report = Report.of(ResultsJson.read(resultsFile), resultsFile);
            dir = out != null ? out : ReportOutput.dirOf(resultsFile);
            if (fmts.isEmpty()) {
                fmts.add("html,md");
            }
        } else {
            if (qrels == null || runs.isEmpty()) {
                throw new UsageException("nothing to report on; give a results.json, or --qrels FILE with one or more"
                        + " --run FILE (see plumbline report --help)");
            }
            report = Report.of(scoreRuns(), null);
            dir = out != null ? out : ReportOutput.dirOf(runs.getFirst());
            if (fmts.isEmpty()) {
                fmts.add("json,html,md");
            }
        }
        ReportOutput.write(report, fmts, dir, System.out);
        return 0;
    }

    private Results scoreRuns() {
        Provenance.Builder prov = ProvenanceRecorder.start(spec.root().commandLine().getParseResult().originalArgs(),
                Clock.systemUTC());
        EvalParams params = EvalParams.DEFAULTS.withAverageComplete(complete).withRelevanceLevel(relevanceLevel);
        Qrels q = TrecQrelsReader.read(qrels);
        IrEvaluator evaluator = IrEvaluator.of(q, measures.isEmpty() ? DEFAULT_MEASURES : measures, params);
        long judgments = q.topics().values().stream().mapToLong(t -> t.size()).sum();
        Map<String, Long> qrelsCounts = new LinkedHashMap<>();
        qrelsCounts.put("topics", (long) q.topics().size());
        qrelsCounts.put("judgments", judgments);
        prov.dataset(new DatasetFingerprint("qrels", qrels.toString(), Sha256.ofFile(qrels), qrelsCounts));
        List<Run> loaded = new ArrayList<>();
        for (Path p : runs) {
            loaded.add(TrecRunReader.read(p));
        }
        Map<Path, String> names = engineNames(loaded);
        List<EngineRun> engines = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Path p = runs.get(i);
            Run run = loaded.get(i);
            String name = names.get(p);
            IrResults ir = evaluator.evaluate(run);
            engines.add(IrEngineRuns.from(ir, name, run, q));
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("topics", (long) run.topics().size());
            counts.put("lines", run.size());
            prov.dataset(new DatasetFingerprint("run:" + name, p.toString(), Sha256.ofFile(p), counts));
            prov.engine(EngineIdentity.named(name, Map.of("source", "TREC run file", "runTag", run.runId(),
                    "file", p.toString())));
        }
        StatisticsConfig stats = StatisticsConfig.DEFAULTS.withSeed(seed);
        stats = new StatisticsConfig(stats.seed(), bootstrapSamples, stats.confidence(), stats.permutations());
        prov.seed("bootstrap", seed);
        String name = runId != null ? runId : engines.size() == 1 ? engines.getFirst().engine()
                : String.join(" vs ", engines.stream().map(EngineRun::engine).toList());
        String lead = primary != null ? primary : defaultPrimary(engines.getFirst());
        Provenance provenance = prov.finishedAt(Clock.systemUTC().instant()).build();
        return Results.of(name, lead, stats, provenance, engines);
    }

    private static String defaultPrimary(EngineRun e) {
        for (String m : List.of("ndcg_cut_10", "map")) {
            if (e.metric(m) != null) {
                return m;
            }
        }
        return "";
    }

    /** Each run's engine name: its run tag, or its file name where two runs share a tag. */
    private Map<Path, String> engineNames(List<Run> loaded) {
        Set<String> seen = new HashSet<>();
        Set<String> duplicated = new HashSet<>();
        for (Run r : loaded) {
            if (!seen.add(r.runId())) {
                duplicated.add(r.runId());
            }
        }
        Map<Path, String> names = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < runs.size(); i++) {
            String tag = loaded.get(i).runId();
            String name = tag.isEmpty() || duplicated.contains(tag) ? runs.get(i).getFileName().toString() : tag;
            if (!used.add(name)) {
                throw new UsageException("two runs would both be called " + name + "; give runs with distinct run tags"
                        + " or file names");
            }
            names.put(runs.get(i), name);
        }
        return names;
    }
}
