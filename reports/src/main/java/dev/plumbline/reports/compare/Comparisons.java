package dev.plumbline.reports.compare;

import dev.plumbline.reports.results.Direction;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricValues;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.StatisticsConfig;
import dev.plumbline.reports.stats.Bootstrap;
import dev.plumbline.reports.stats.Holm;
import dev.plumbline.reports.stats.RandomizationTest;
import dev.plumbline.reports.stats.SplitMix64;
import dev.plumbline.reports.stats.Statistic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Compares a current results document with a baseline: per engine pair and metric, the mean
 * difference over the paired items with a paired bootstrap interval, a paired randomization
 * test, and Holm–Bonferroni adjustment across the tested metrics of the pair. Neutral metrics
 * (counts) get a difference and interval but no test, so they do not dilute the family.
 */
public final class Comparisons {
    /** Above this many tested metrics a note reminds readers that power drops with the family size. */
    static final int MANY_METRICS = 10;

    private Comparisons() {
    }

    /**
     * Compares {@code current} with {@code baseline} using the current document's statistics
     * settings; results of different data (by {@link DatasetCheck}) are refused.
     *
     * @param alpha significance level, e.g. 0.05
     */
    public static Comparison compare(Results baseline, Results current, String baselineFile, String currentFile,
                                     double alpha) {
        return compare(baseline, current, baselineFile, currentFile, alpha, false);
    }

    /**
     * Compares {@code current} with {@code baseline} using the current document's statistics settings.
     *
     * @param alpha                significance level, e.g. 0.05
     * @param allowDatasetMismatch compare results of different data anyway, saying so in the first note
     * @throws IllegalArgumentException when the data differ and that was not allowed (bad input, exit 2)
     */
    public static Comparison compare(Results baseline, Results current, String baselineFile, String currentFile,
                                     double alpha, boolean allowDatasetMismatch) {
        return compare(baseline, current, baselineFile, currentFile, alpha, allowDatasetMismatch, Map.of());
    }

    /**
     * Like {@link #compare(Results, Results, String, String, double, boolean)}, pairing the named
     * engines first (baseline engine → current engine; {@link EnginePairs#of(Results, Results, Map)}).
     */
    public static Comparison compare(Results baseline, Results current, String baselineFile, String currentFile,
                                     double alpha, boolean allowDatasetMismatch, Map<String, String> pairs) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1 (exclusive), got " + alpha);
        }
        DatasetCheck data = DatasetCheck.of(baseline, current);
        if (data.mismatched() && !allowDatasetMismatch) {
            throw new IllegalArgumentException(data.error(baselineFile, currentFile));
        }
        StatisticsConfig stats = current.statistics();
        EnginePairs matched = EnginePairs.of(baseline, current, pairs);
        List<String> notes = new ArrayList<>();
        if (data.mismatched()) {
            notes.add(data.allowedNote());
        }
        notes.addAll(data.notes());
        if (matched.pairs().isEmpty()) {
            throw new IllegalArgumentException("no engine of " + currentFile + " " + current.engines().stream()
                    .map(EngineRun::engine).toList() + " matches an engine of " + baselineFile + " "
                    + baseline.engines().stream().map(EngineRun::engine).toList()
                    + "; engines are matched by name (or one to one when each file has a single engine);"
                    + " name pairs with --pair BASELINE_ENGINE=CURRENT_ENGINE");
        }
        for (String e : matched.onlyBaseline()) {
            notes.add("engine " + e + " is only in the baseline; not compared");
        }
        for (String e : matched.onlyCurrent()) {
            notes.add("engine " + e + " is only in the current results; not compared");
        }
        List<EngineComparison> engines = new ArrayList<>();
        int maxTested = 0;
        for (EnginePairs.Pair p : matched.pairs()) {
            EngineComparison ec = compare(p.baseline(), p.current(), stats, alpha);
            engines.add(ec);
            maxTested = Math.max(maxTested, ec.tested());
            if (!p.baseline().engine().equals(p.current().engine())) {
                notes.add("engine " + p.current().engine() + " compared with baseline engine " + p.baseline().engine()
                        + (pairs.containsKey(p.baseline().engine()) ? " (--pair)" : " (the only engine on each side)"));
            }
            if (ec.onlyBaseline() + ec.onlyCurrent() > 0) {
                notes.add("engine " + p.current().engine() + ": " + ec.commonItems() + " common items compared; "
                        + ec.onlyBaseline() + " only in the baseline, " + ec.onlyCurrent() + " only in the current run");
            }
        }
        notes.add(String.format(Locale.ROOT, "p-values: paired randomization test (%d sign flips) adjusted with"
                + " Holm-Bonferroni across the tested metrics of each engine; intervals: paired bootstrap (%d"
                + " replicates, %s %%); significant means adjusted p < %s", stats.permutations(),
                stats.bootstrapSamples(), percent(stats.confidence()), Double.toString(alpha)));
        if (maxTested > MANY_METRICS) {
            notes.add("multiple comparisons: up to " + maxTested + " metrics were tested per engine; the Holm"
                    + " adjustment keeps the chance of any false alarm at alpha, at the price of power, so"
                    + " gate on the few metrics that matter");
        }
        return new Comparison(baseline.runId(), current.runId(), baselineFile, currentFile, stats, alpha, engines, notes);
    }

    private static String percent(double confidence) {
        double p = confidence * 100;
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    static EngineComparison compare(EngineRun baseline, EngineRun current, StatisticsConfig stats, double alpha) {
        List<MetricValues> common = current.metrics().values().stream()
                .filter(m -> baseline.metric(m.name()) != null).toList();
        record Partial(String metric, Direction direction, Pairing pairing, double ciLow, double ciHigh, double p) {
        }
        Partial[] partials = new Partial[common.size()];
        IntStream.range(0, common.size()).parallel().forEach(k -> {
            MetricValues m = common.get(k);
            Pairing pairing = Pairing.of(baseline, current, m.name());
            long seed = SplitMix64.derive(stats.seed(), "compare", baseline.engine(), current.engine(), m.name());
            Bootstrap.PairedBootstrap boot = Bootstrap.pairedDifference(pairing.baseline(), pairing.current(),
                    Statistic.MEAN, stats.bootstrapSamples(), stats.confidence(), seed);
            double p = m.info().direction() == Direction.NEUTRAL || pairing.size() == 0 ? Double.NaN
                    : RandomizationTest.pValue(pairing.baseline(), pairing.current(), stats.permutations(),
                    SplitMix64.derive(stats.seed(), "randomization", baseline.engine(), current.engine(), m.name()));
            partials[k] = new Partial(m.name(), m.info().direction(), pairing, boot.interval().low(),
                    boot.interval().high(), p);
        });
        double[] ps = new double[partials.length];
        for (int k = 0; k < ps.length; k++) {
            ps[k] = partials[k].p();
        }
        double[] adjusted = Holm.adjust(ps);
        List<MetricComparison> metrics = new ArrayList<>();
        int tested = 0;
        for (int k = 0; k < partials.length; k++) {
            Partial pt = partials[k];
            double bm = Statistic.MEAN.of(pt.pairing().baseline());
            double cm = Statistic.MEAN.of(pt.pairing().current());
            if (!Double.isNaN(pt.p())) {
                tested++;
            }
            metrics.add(new MetricComparison(pt.metric(), pt.direction(), pt.pairing().size(), pt.pairing().notDefined(),
                    bm, cm, cm - bm, pt.ciLow(), pt.ciHigh(), pt.p(), adjusted[k],
                    !Double.isNaN(adjusted[k]) && adjusted[k] < alpha));
        }
        Set<String> baseIds = new HashSet<>(baseline.itemIds());
        int commonItems = (int) current.itemIds().stream().filter(baseIds::contains).count();
        return new EngineComparison(baseline.engine(), current.engine(), commonItems,
                baseline.itemIds().size() - commonItems, current.itemIds().size() - commonItems, metrics, tested);
    }
}
