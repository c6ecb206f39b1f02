package dev.plumbline.reports.results;

import java.util.Objects;

/**
 * What one metric is: its name, which way it improves, its unit and whether it is a timing.
 * Timings (latency) are reported with percentiles, and gates on them note when the compared runs
 * ran on different hardware.
 *
 * @param name        the metric's name as computed: IR values use trec_eval's printed names
 *                    ({@code ndcg_cut_10}, {@code P_5}, {@code map}); gates also accept the
 *                    measure form {@code ndcg_cut.10}
 * @param direction   which way it improves
 * @param unit        unit of the values ({@code ms}), or empty for plain scores
 * @param timing      whether the values are timings
 * @param description one line for people, may be empty
 */
public record MetricInfo(String name, Direction direction, String unit, boolean timing, String description) {
    /** Validates the name and normalizes missing text to empty. */
    public MetricInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(direction, "direction");
        if (name.isBlank() || !name.equals(name.strip())) {
            throw new IllegalArgumentException("metric name must be non-blank without surrounding spaces, got '"
                    + name + "'");
        }
        unit = unit == null ? "" : unit;
        description = description == null ? "" : description;
    }

    /** A score where higher is better, such as nDCG or faithfulness. */
    public static MetricInfo score(String name, String description) {
        return new MetricInfo(name, Direction.HIGHER_IS_BETTER, "", false, description);
    }

    /** A latency in milliseconds, lower is better, reported with percentiles. */
    public static MetricInfo latencyMillis(String name, String description) {
        return new MetricInfo(name, Direction.LOWER_IS_BETTER, "ms", true, description);
    }
}
