package dev.plumbline.harness.cli;

import dev.plumbline.reports.Report;
import dev.plumbline.reports.compare.DatasetCheck;
import dev.plumbline.reports.gate.Gate;
import dev.plumbline.reports.gate.GateOutcome;
import dev.plumbline.reports.gate.GateRules;
import dev.plumbline.reports.gate.GateRulesParser;
import dev.plumbline.reports.gate.Verdict;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code plumbline gate}: checks rules against current results and a baseline. Exit 0 when every
 * rule passes, 1 when any fails, 2 on bad input. Each verdict is printed and written to JUnit XML
 * and Markdown.
 */
@Command(name = "gate",
        description = {"Check quality gates: rules such as 'ndcg_cut.10: max_drop 0.01' against current results",
                "and a baseline. Exit 0 all pass, 1 any fails, 2 bad input."},
        mixinStandardHelpOptions = true,
        footer = {"", "Rules file (YAML):",
                "  ndcg_cut.10: max_drop 0.01        # absolute drop from the baseline",
                "  faithfulness: min 0.85",
                "  latency.p99: max_increase 10%%     # relative to the baseline",
                "  failed_items: max 0               # items with a failed or undefined value",
                "  recall.100:",
                "    max_drop: 0.02",
                "    significant: true               # fail only if the drop is significant (Holm-adjusted)",
                "", "Example:",
                "  plumbline gate --baseline baseline.json --current out/results.json --rules gates.yaml"})
public final class GateCommand implements Callable<Integer> {
    @Option(names = "--baseline", paramLabel = "FILE",
            description = "baseline results.json (needed by max_drop and max_increase rules)")
    Path baseline;

    @Option(names = "--current", paramLabel = "FILE", required = true, description = "current results.json")
    Path current;

    @Option(names = "--rules", paramLabel = "FILE", required = true, description = "rules file (YAML)")
    Path rules;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMATS", split = ",",
            description = "outputs, comma separated (default junit,md; also json, html, allure)")
    List<String> formats = new ArrayList<>(List.of("junit", "md"));

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "output directory (default: beside --current)")
    Path out;

    @Option(names = DatasetCheck.ALLOW_FLAG,
            description = "gate on a baseline whose dataset fingerprints differ (refused by default: items are paired"
                    + " by id); the verdicts then say the data differ")
    boolean allowDatasetMismatch;

    @Override
    public Integer call() {
        GateRules parsed = GateRulesParser.read(rules);
        Results cur = ResultsJson.read(current);
        Results base = baseline == null ? null : ResultsJson.read(baseline);
        GateOutcome outcome = Gate.evaluate(parsed, base, baseline == null ? "" : baseline.toString(), cur,
                current.toString(), allowDatasetMismatch);
        print(outcome, System.out);
        ReportOutput.write(new Report(cur, current, null, outcome), formats,
                out != null ? out : ReportOutput.dirOf(current), System.out);
        return outcome.exitCode();
    }

    /** One line per verdict, then the notes and the overall result. */
    static void print(GateOutcome o, PrintStream out) {
        for (Verdict v : o.verdicts()) {
            out.println(v.status() + " " + v.name() + ": " + v.message());
            v.notes().forEach(n -> out.println("     note: " + n));
        }
        o.notes().forEach(n -> out.println("note: " + n));
        long failed = o.count(Verdict.Status.FAIL);
        out.println(o.passed() ? "gate passed: " + o.count(Verdict.Status.PASS) + " passed, "
                + o.count(Verdict.Status.SKIPPED) + " skipped"
                : "gate failed: " + failed + " of " + o.verdicts().size() + " checks failed");
    }
}
