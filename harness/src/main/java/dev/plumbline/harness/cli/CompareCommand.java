package dev.plumbline.harness.cli;

import dev.plumbline.reports.Numbers;
import dev.plumbline.reports.Report;
import dev.plumbline.reports.compare.Comparison;
import dev.plumbline.reports.compare.Comparisons;
import dev.plumbline.reports.compare.DatasetCheck;
import dev.plumbline.reports.compare.EngineComparison;
import dev.plumbline.reports.compare.MetricComparison;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code plumbline compare BASELINE CURRENT...}: per metric the mean difference over paired
 * items with a paired bootstrap interval, a paired randomization test and Holm–Bonferroni
 * across metrics; printed as a table and written as compare.json and compare.md.
 */
@Command(name = "compare",
        description = "Compare results with a baseline: per-metric differences, intervals and paired significance tests.",
        mixinStandardHelpOptions = true,
        footer = {"", "Examples:", "  plumbline compare baseline/results.json current/results.json --out compare/",
                "  plumbline compare a/results.json b/results.json --pair simd/minilm-l6=native/minilm-l6"})
public final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASELINE", description = "the baseline results.json")
    Path baseline;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CURRENT", description = "results.json to compare with it")
    List<Path> currents = new ArrayList<>();

    @Option(names = "--alpha", description = "significance level after Holm-Bonferroni (default ${DEFAULT-VALUE})")
    double alpha = 0.05;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMATS", split = ",",
            description = "formats, comma separated (default json,md; html and csv also work)")
    List<String> formats = new ArrayList<>(List.of("json", "md"));

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "output directory (default: beside CURRENT; one subdirectory per CURRENT when several)")
    Path out;

    @Option(names = "--pair", paramLabel = "BASELINE=CURRENT",
            description = "compare baseline engine BASELINE with current engine CURRENT although their names differ"
                    + " (repeatable); other engines still pair by name")
    List<String> pairs = new ArrayList<>();

    @Option(names = DatasetCheck.ALLOW_FLAG,
            description = "compare results whose dataset fingerprints differ (refused by default: items are paired by id);"
                    + " the output then says the data differ")
    boolean allowDatasetMismatch;

    @Override
    public Integer call() {
        java.util.Map<String, String> named = new java.util.LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new dev.plumbline.harness.UsageException("--pair " + p + ": expected BASELINE_ENGINE=CURRENT_ENGINE");
            }
            if (named.put(p.substring(0, eq), p.substring(eq + 1)) != null) {
                throw new dev.plumbline.harness.UsageException("--pair: baseline engine " + p.substring(0, eq)
                        + " is paired twice");
            }
        }
        Results base = ResultsJson.read(baseline);
        for (Path currentFile : currents) {
            Results current = ResultsJson.read(currentFile);
            Comparison c = Comparisons.compare(base, current, baseline.toString(), currentFile.toString(), alpha,
                    allowDatasetMismatch, named);
            print(c, System.out);
            printMachines(base, current, c, System.out);
            Path dir = out != null ? out : ReportOutput.dirOf(currentFile);
            if (currents.size() > 1) {
                String name = currentFile.getFileName().toString().replaceFirst("\\.json$", "");
                dir = dir.resolve("compare-" + name);
            }
            ReportOutput.write(new Report(current, currentFile, c, null), formats, dir, System.out);
        }
        return 0;
    }

    /**
     * Where each side ran: timings and memory only compare across the same CPU and thread count,
     * so the machine and every compared engine's threads are printed beside the table.
     */
    static void printMachines(Results base, Results current, Comparison c, PrintStream out) {
        out.println();
        out.println("baseline ran on " + base.provenance().hardware().describe() + "; current on "
                + current.provenance().hardware().describe());
        for (EngineComparison e : c.engines()) {
            out.println("threads of " + e.currentEngine() + ": baseline " + threads(base, e.baselineEngine())
                    + ", current " + threads(current, e.currentEngine()));
        }
    }

    private static String threads(Results r, String engine) {
        var id = r.provenance().engine(engine);
        String t = id == null ? null : id.details().get("threads");
        return t == null ? "not recorded" : t;
    }

    /** The comparison as an aligned text table. */
    static void print(Comparison c, PrintStream out) {
        out.println("compare " + c.currentRunId() + " (" + c.currentFile() + ") with baseline " + c.baselineRunId()
                + " (" + c.baselineFile() + ")");
        for (EngineComparison e : c.engines()) {
            out.println();
            out.println("engine " + e.currentEngine() + (e.currentEngine().equals(e.baselineEngine()) ? ""
                    : " vs " + e.baselineEngine()) + ": " + e.commonItems() + " common items, " + e.tested()
                    + " metrics tested");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"metric", "baseline", "current", "difference", "interval", "p", "p(Holm)", "verdict"});
            for (MetricComparison m : e.metrics()) {
                rows.add(new String[] {m.metric(), Numbers.stat(m.baselineMean()), Numbers.stat(m.currentMean()),
                    Numbers.signedStat(m.difference()), "[" + Numbers.stat(m.ciLow()) + ", " + Numbers.stat(m.ciHigh()) + "]",
                    Numbers.pValue(m.p()), Numbers.pValue(m.pAdjusted()), m.verdict()});
            }
            TextTable.print(rows, out);
        }
        if (!c.notes().isEmpty()) {
            out.println();
            c.notes().forEach(n -> out.println("note: " + n));
        }
    }
}
