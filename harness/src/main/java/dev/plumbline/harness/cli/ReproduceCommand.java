package dev.plumbline.harness.cli;

import dev.plumbline.harness.UsageException;
import dev.plumbline.harness.run.Experiment;
import dev.plumbline.harness.run.ExperimentParser;
import dev.plumbline.reports.results.Aggregate;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.MetricValues;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * {@code plumbline reproduce RESULTS}: reruns the experiment a results document came from (the
 * copy {@code plumbline run} keeps beside it) and says, metric by metric, whether the new values
 * match: quality metrics must be identical item by item; timings must have their new mean inside
 * the original 95% interval. Exit 0 when every quality metric is identical, 1 when one differs.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Rerun the experiment behind a results.json and check every metric against it.",
                "Exit 0 all quality metrics identical, 1 some differ, 2 bad input."})
public final class ReproduceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RESULTS", description = "results.json written by plumbline run or demo")
    Path resultsFile;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "where the rerun writes (default: RESULTS' folder/reproduced)")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    boolean quiet;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(resultsFile)) {
            throw new UsageException(resultsFile + ": no such results file");
        }
        Results original = ResultsJson.read(resultsFile);
        Path dir = resultsFile.toAbsolutePath().getParent();
        Path copy = RunCommand.findCopy(dir);
        Path target = out != null ? out : dir.resolve("reproduced");
        Experiment x = ExperimentParser.read(copy).withOutDir(target);
        ExperimentRunner.run(x, List.of("reproduce", resultsFile.toString()), quiet, false);
        Results again = ResultsJson.read(target.resolve("results.json"));

        String hwBefore = String.valueOf(original.provenance().hardware());
        String hwNow = String.valueOf(again.provenance().hardware());
        if (!Objects.equals(hwBefore, hwNow)) {
            System.out.println("note: the hardware differs from the original run; timings are not comparable");
        }
        List<String[]> rows = new ArrayList<>();
        int differing = 0;
        for (EngineRun before : original.engines()) {
            EngineRun now = again.engine(before.engine());
            for (MetricValues m : before.metrics().values()) {
                MetricInfo info = m.info();
                String verdict;
                if (now == null || now.metric(m.name()) == null) {
                    verdict = "missing in the rerun";
                    differing++;
                } else if (info.timing()) {
                    Aggregate a = original.aggregate(before.engine(), m.name());
                    Aggregate b = again.aggregate(before.engine(), m.name());
                    verdict = b.mean() >= a.ciLow() && b.mean() <= a.ciHigh()
                            ? String.format(Locale.ROOT, "within interval (%.4g in [%.4g, %.4g])", b.mean(), a.ciLow(), a.ciHigh())
                            : String.format(Locale.ROOT, "outside interval (%.4g vs [%.4g, %.4g]; timing, not counted)",
                            b.mean(), a.ciLow(), a.ciHigh());
                } else {
                    double diff = maxDifference(m, now.metric(m.name()), before.itemIds(), now.itemIds());
                    if (diff == 0) {
                        verdict = "identical";
                    } else {
                        verdict = Double.isInfinite(diff) ? "differs (items or undefined values changed)"
                                : String.format(Locale.ROOT, "differs (max |difference| %.3g)", diff);
                        differing++;
                    }
                }
                rows.add(new String[] {before.engine(), m.name(), verdict});
            }
        }
        for (String[] r : rows) {
            System.out.printf(Locale.ROOT, "%-28s %-22s %s%n", r[0], r[1], r[2]);
        }
        System.out.printf(Locale.ROOT, "%s: %d quality metric(s) differ; rerun written to %s%n",
                differing == 0 ? "reproduced" : "NOT reproduced", differing, target);
        return differing == 0 ? 0 : 1;
    }

    /** Largest per-item difference; infinity when the items or their defined/undefined pattern differ. */
    private static double maxDifference(MetricValues a, MetricValues b, List<String> idsA, List<String> idsB) {
        if (!idsA.equals(idsB) || a.size() != b.size()) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            double x = a.value(i);
            double y = b.value(i);
            if (Double.isNaN(x) != Double.isNaN(y) || a.failed(i) != b.failed(i)) {
                return Double.POSITIVE_INFINITY;
            }
            if (!Double.isNaN(x)) {
                max = Math.max(max, Math.abs(x - y));
            }
        }
        return max;
    }
}
