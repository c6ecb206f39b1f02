package dev.plumbline.reports.results;

import dev.plumbline.reports.stats.Bootstrap;
import dev.plumbline.reports.stats.Interval;
import dev.plumbline.reports.stats.Percentiles;
import dev.plumbline.reports.stats.SplitMix64;
import dev.plumbline.reports.stats.Statistic;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Computes an {@link Aggregate} from one metric's per-item values. */
public final class Aggregates {
    private Aggregates() {
    }

    /**
     * Summarizes {@code values} of {@code engine}. The bootstrap seed is derived from the base
     * seed, the engine and the metric name, so each interval is reproducible on its own.
     */
    public static Aggregate of(String engine, MetricValues values, StatisticsConfig stats) {
        double[] defined = values.definedValues();
        int failed = values.failedCount();
        int undefined = values.undefinedCount();
        double mean = Statistic.MEAN.of(defined);
        Interval ci = Bootstrap.meanInterval(defined, stats.bootstrapSamples(), stats.confidence(),
                SplitMix64.derive(stats.seed(), "aggregate", engine, values.name()));
        double[] sorted = defined.clone();
        Arrays.sort(sorted);
        double min = sorted.length == 0 ? Double.NaN : sorted[0];
        double max = sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
        Map<String, Double> percentiles = new LinkedHashMap<>();
        if (values.info().timing()) {
            for (double p : Percentiles.REPORTED) {
                percentiles.put(Statistic.percentile(p).name(), Percentiles.nearestRank(sorted, p));
            }
        }
        return new Aggregate(values.name(), values.size(), defined.length, undefined, failed, mean, ci.low(),
                ci.high(), min, max, percentiles);
    }
}
