package dev.plumbline.harness.cli;

import dev.plumbline.engines.cache.EmbeddingCache;
import dev.plumbline.harness.ProvenanceRecorder;
import dev.plumbline.harness.UsageException;
import dev.plumbline.harness.run.Experiment;
import dev.plumbline.harness.run.OutputFolder;
import dev.plumbline.harness.run.Pipeline;
import dev.plumbline.harness.run.Progress;
import dev.plumbline.harness.run.Shard;
import dev.plumbline.harness.run.Summary;
import dev.plumbline.reports.Report;
import dev.plumbline.reports.gate.Gate;
import dev.plumbline.reports.gate.GateOutcome;
import dev.plumbline.reports.gate.GateRule;
import dev.plumbline.reports.gate.GateRules;
import dev.plumbline.reports.gate.GateRulesParser;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsFormatException;
import dev.plumbline.reports.results.ResultsJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Runs an experiment for {@code run} and {@code demo}: pipeline, summary, reports, optional gate.
 * Other runners of the same experiments (the Spark module) finish with {@link #finish} and check
 * the gate first with {@link #gateRules}, so their output folder has what a local run leaves.
 */
public final class ExperimentRunner {
    private ExperimentRunner() {
    }

    /**
     * Runs {@code x} into its output folder, replacing an earlier run there (as the demo and
     * {@code reproduce} do), or continuing it.
     *
     * @see #run(Experiment, List, boolean, OutputFolder.Mode)
     */
    static int run(Experiment x, List<String> args, boolean quiet, boolean resume) {
        return run(x, args, quiet, resume ? OutputFolder.Mode.RESUME : OutputFolder.Mode.REPLACE);
    }

    /**
     * Checks the gate inputs, takes the output folder ({@link OutputFolder}: checked, locked,
     * refused under {@link OutputFolder.Mode#FRESH} when it holds files), then runs the pipeline,
     * prints the summary, writes the reports and applies the gate.
     *
     * @param args the command line after {@code plumbline}, for provenance
     * @param mode a fresh run, one that replaces an earlier run in the folder, or {@code --resume}
     * @return the exit code: 0, or the gate's (1 when a rule failed)
     */
    static int run(Experiment x, List<String> args, boolean quiet, OutputFolder.Mode mode) {
        return run(x, args, quiet, mode, Shard.WHOLE);
    }

    /**
     * As {@link #run(Experiment, List, boolean, OutputFolder.Mode)}, for part {@code shard} of every
     * cell; a part writes its partial results and no summary, reports or gate, which belong to the merge.
     */
    static int run(Experiment x, List<String> args, boolean quiet, OutputFolder.Mode mode, Shard shard) {
        // Gate inputs are checked before the run, so a typo in them does not waste one.
        Results baseline = x.gateBaseline() == null ? null : ResultsJson.read(x.gateBaseline());
        GateRules rules = gateRules(x, baseline);
        if (x.cache()) {
            // The cache is written from the first cell on: a folder that cannot be written fails now.
            Path cache = x.cacheDir() != null ? x.cacheDir() : EmbeddingCache.defaultRoot();
            try {
                Files.delete(Files.createTempFile(Files.createDirectories(cache.resolve("embeddings")), "probe", ".tmp"));
            } catch (IOException e) {
                throw new UsageException("cannot create the embedding cache folder " + cache + ": "
                        + OutputFolder.reason(e, cache) + "; give cache_dir a folder you can write to, or cache: false");
            }
        }
        try (OutputFolder folder = OutputFolder.open(x.outDir(), mode, quiet ? null : System.err)) {
            int code = runIn(x, args, quiet, mode == OutputFolder.Mode.RESUME, rules, baseline, shard);
            folder.finished();
            return code;
        }
    }

    /** The gate's rules of {@code x}, read before anything runs, so a typo in them wastes no run. */
    public static GateRules gateRules(Experiment x, Results baseline) {
        GateRules rules = x.gateRules() == null ? null : GateRulesParser.read(x.gateRules());
        if (rules != null && baseline == null) {
            for (GateRule r : rules.rules()) {
                if (r.constraint().needsBaseline()) {
                    throw new UsageException(rules.file() + ":" + r.line() + ": " + r.subject() + ": "
                            + r.constraint().keyword() + " compares with a baseline; add gate: {baseline: RESULTS.json}"
                            + " to the experiment");
                }
            }
        }
        return rules;
    }

    private static int runIn(Experiment x, List<String> args, boolean quiet, boolean resume, GateRules rules,
                             Results baseline, Shard shard) {
        Progress progress = new Progress(System.err, quiet);
        Clock clock = Clock.systemUTC();
        Results results = Pipeline.run(x, progress, ProvenanceRecorder.start(args, clock), clock, resume, shard);
        if (!shard.whole()) {
            System.out.println("wrote " + Pipeline.resultsFile(x) + " (part " + shard + " of " + x.name()
                    + ": partial results, no summary or reports)");
            System.out.println("when all " + shard.count() + " parts are done: plumbline merge DIR... --out DIR");
            return 0;
        }
        return finish(x, results, rules, baseline);
    }

    /**
     * What follows the results of a run or a merge: the summary, the gate, the reports and the
     * verdict lines again at the end.
     *
     * @return the exit code: 0, or the gate's (1 when a rule failed)
     */
    public static int finish(Experiment x, Results results, GateRules rules, Results baseline) {
        Path resultsFile = Pipeline.resultsFile(x);
        Summary.print(results, System.out);
        System.out.println();
        GateOutcome gate = null;
        RuntimeException gateError = null;
        if (rules != null) {
            try {
                gate = Gate.evaluate(rules, baseline,
                        x.gateBaseline() == null ? "" : x.gateBaseline().toString(), results, resultsFile.toString());
                GateCommand.print(gate, System.out);
            } catch (ResultsFormatException e) {
                // A rule naming a metric the run has not got: the run's output is still written whole.
                gateError = e;
            }
        }
        System.out.println("wrote " + resultsFile);
        System.out.println("wrote " + x.outDir().resolve("runs") + "/ (TREC run files)");
        List<Path> written = ReportOutput.write(new Report(results, resultsFile, null, gate), x.reports(), x.outDir(),
                System.out);
        for (Path p : written) {
            if (p.getFileName().toString().endsWith(".html")) {
                System.out.println("open the report: " + p.toAbsolutePath().normalize().toUri());
            }
        }
        // The verdict again as the last lines, where a reader of a long log looks first.
        Summary.verdict(results).forEach(System.out::println);
        if (gateError != null) {
            throw gateError;
        }
        return gate == null ? 0 : gate.exitCode();
    }
}
