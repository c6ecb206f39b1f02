package dev.plumbline.reports.compare;

import dev.plumbline.reports.results.Direction;

/**
 * One metric compared between a baseline and a current engine run over their paired items.
 *
 * @param metric        the metric
 * @param direction     which way it improves
 * @param paired        items defined in both runs (the test's sample)
 * @param notDefined    common items undefined or failed on at least one side (left out)
 * @param baselineMean  mean of the baseline over the paired items
 * @param currentMean   mean of the current run over the paired items
 * @param difference    {@code currentMean - baselineMean}
 * @param ciLow         lower end of the paired bootstrap interval of the difference
 * @param ciHigh        upper end
 * @param p             two-sided p-value of the paired randomization test; NaN when not tested
 *                      (neutral metrics, no paired items)
 * @param pAdjusted     {@code p} after Holm–Bonferroni across the tested metrics of this engine pair
 * @param significant   whether {@code pAdjusted} is below alpha
 */
public record MetricComparison(String metric, Direction direction, int paired, int notDefined, double baselineMean,
                               double currentMean, double difference, double ciLow, double ciHigh, double p,
                               double pAdjusted, boolean significant) {
    /** {@code better}, {@code worse}, {@code no significant change} or {@code not tested}. */
    public String verdict() {
        if (Double.isNaN(p)) {
            return "not tested";
        }
        if (!significant || difference == 0 || direction == Direction.NEUTRAL) {
            return "no significant change";
        }
        boolean up = difference > 0;
        return up == (direction == Direction.HIGHER_IS_BETTER) ? "better" : "worse";
    }
}
