package dev.plumbline.reports.stats;

import java.util.List;

/**
 * Exact nearest-rank percentiles of per-item values. Latency is recorded per item, and the
 * per-item values are the unit of truth, so the reported percentiles are exact order statistics
 * of those values (HdrHistogram's bucketed values approximate the same definition; the harness
 * keeps using it where it records far more samples than there are items).
 */
public final class Percentiles {
    /** The percentiles reported for timing metrics. */
    public static final List<Double> REPORTED = List.of(50.0, 90.0, 99.0, 99.9);

    private Percentiles() {
    }

    /**
     * The nearest-rank percentile: the smallest value with at least {@code p} percent of the
     * values at or below it, i.e. {@code sorted[ceil(p / 100 * n) - 1]}.
     *
     * @param sorted ascending, no NaN
     * @param p      in (0, 100]
     */
    public static double nearestRank(double[] sorted, double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    /**
     * Whether {@code n} values support reporting percentile {@code p}: at least one value must lie
     * above it ({@code n * (1 - p/100) >= 1}), else the "p99" of 30 items is just their maximum.
     * Reports show only supported percentiles; results files keep all of them.
     */
    public static boolean supported(String name, long n) {
        if (!name.startsWith("p")) {
            return true;
        }
        double p;
        try {
            p = Double.parseDouble(name.substring(1));
        } catch (NumberFormatException e) {
            return true;
        }
        return n * (1 - p / 100) >= 1 - 1e-9;
    }
}
