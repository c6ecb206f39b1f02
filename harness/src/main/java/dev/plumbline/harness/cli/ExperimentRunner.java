package dev.plumbline.harness.cli;

import dev.plumbline.harness.ProvenanceRecorder;
import dev.plumbline.harness.run.Experiment;
import dev.plumbline.harness.run.Pipeline;
import dev.plumbline.harness.run.Progress;
import dev.plumbline.harness.run.Summary;
import dev.plumbline.reports.Report;
import dev.plumbline.reports.gate.Gate;
import dev.plumbline.reports.gate.GateOutcome;
import dev.plumbline.reports.gate.GateRules;
import dev.plumbline.reports.gate.GateRulesParser;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Runs an experiment for {@code run} and {@code demo}: pipeline, summary, reports, optional gate. */
final class ExperimentRunner {
    private ExperimentRunner() {
    }

    /**
     * @param args   the command line after {@code plumbline}, for provenance
     * @param resume continue the run in {@link Experiment#outDir()} from its checkpoints
     * @return the exit code: 0, or the gate's (1 when a rule failed)
     */
    static int run(Experiment x, List<String> args, boolean quiet, boolean resume) {
        // Gate inputs are checked before the run, so a typo in them does not waste one.
        GateRules rules = x.gateRules() == null ? null : GateRulesParser.read(x.gateRules());
        Results baseline = x.gateBaseline() == null ? null : ResultsJson.read(x.gateBaseline());
        Progress progress = new Progress(System.err, quiet);
        Clock clock = Clock.systemUTC();
        Results results = Pipeline.run(x, progress, ProvenanceRecorder.start(args, clock), clock, resume);
        Path resultsFile = Pipeline.resultsFile(x);
        Summary.print(results, System.out);
        System.out.println();
        GateOutcome gate = null;
        if (rules != null) {
            gate = Gate.evaluate(rules, baseline,
                    x.gateBaseline() == null ? "" : x.gateBaseline().toString(), results, resultsFile.toString());
            GateCommand.print(gate, System.out);
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
        return gate == null ? 0 : gate.exitCode();
    }
}
