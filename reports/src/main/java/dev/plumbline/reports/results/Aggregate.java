package dev.plumbline.reports.results;

import java.util.Map;

/**
 * One metric summarized over one engine run's items, computed from the per-item values.
 *
 * @param metric      the metric's name
 * @param count       items in the run
 * @param defined     items with a value
 * @param undefined   items whose value is undefined (NaN)
 * @param failed      items whose computation failed
 * @param mean        mean of the defined values; NaN when none is defined
 * @param ciLow       lower end of the bootstrap interval for the mean; NaN when none is defined
 * @param ciHigh      upper end
 * @param min         smallest defined value, NaN when none
 * @param max         largest defined value, NaN when none
 * @param percentiles nearest-rank percentiles for timing metrics ({@code p50}, {@code p90},
 *                    {@code p99}, {@code p99.9}), in that order; empty for other metrics
 */
public record Aggregate(String metric, int count, int defined, int undefined, int failed, double mean,
                        double ciLow, double ciHigh, double min, double max, Map<String, Double> percentiles) {
    /** Copies the percentiles. */
    public Aggregate {
        percentiles = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(percentiles));
    }
}
