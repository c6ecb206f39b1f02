package dev.plumbline.reports.compare;

import dev.plumbline.reports.results.Direction;
import dev.plumbline.reports.results.MetricInfo;

import java.util.List;

/**
 * Every pair of retrieval configurations on one dataset of one run, compared on the same queries:
 * a ranx-style table. p-values are Holm-adjusted across the pairs of each metric, so a table
 * of many configurations does not find wins by chance.
 *
 * @param dataset        the dataset (empty when not recorded)
 * @param configurations in document order; their index is their letter in the table (a, b, c ...)
 * @param metrics        the tested metrics, the primary one first
 * @param tests          one per pair (a &lt; b) and metric
 * @param alpha          significance level after adjustment
 */
public record InRunComparison(String dataset, List<Configurations.Configuration> configurations,
                              List<MetricInfo> metrics, List<PairTest> tests, double alpha) {
    /** Copies the lists. */
    public InRunComparison {
        configurations = List.copyOf(configurations);
        metrics = List.copyOf(metrics);
        tests = List.copyOf(tests);
    }

    /**
     * One metric compared between configurations {@code a} and {@code b} ({@code a < b}).
     *
     * @param a          index of the first configuration
     * @param b          index of the second
     * @param metric     the metric
     * @param paired     queries defined for both
     * @param meanA      mean of {@code a} over the paired queries
     * @param meanB      mean of {@code b}
     * @param ciLow      paired bootstrap interval of {@code meanA - meanB}, low end
     * @param ciHigh     high end
     * @param p          paired randomization test, two-sided
     * @param pAdjusted  Holm across the pairs of this metric
     * @param significant {@code pAdjusted < alpha} and the means differ
     */
    public record PairTest(int a, int b, MetricInfo metric, int paired, double meanA, double meanB, double ciLow,
                           double ciHigh, double p, double pAdjusted, boolean significant) {
        /** {@code meanA - meanB}. */
        public double difference() {
            return meanA - meanB;
        }

        /** The index of the significantly better configuration, or -1 for no significant difference. */
        public int winner() {
            if (!significant || meanA == meanB) {
                return -1;
            }
            boolean aHigher = meanA > meanB;
            return aHigher == (metric.direction() == Direction.HIGHER_IS_BETTER) ? a : b;
        }
    }

    /** The test of {@code metric} between configurations {@code i} and {@code j} (either order), or {@code null}. */
    public PairTest test(int i, int j, String metric) {
        int a = Math.min(i, j);
        int b = Math.max(i, j);
        for (PairTest t : tests) {
            if (t.a() == a && t.b() == b && t.metric().name().equals(metric)) {
                return t;
            }
        }
        return null;
    }

    /** The letter of configuration {@code i} in tables: a, b, ..., z, then a1, b1, ... */
    public static String letter(int i) {
        return (char) ('a' + i % 26) + (i < 26 ? "" : Integer.toString(i / 26));
    }
}
