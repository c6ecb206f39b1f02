package dev.plumbline.reports.stats;

import java.util.Arrays;

/**
 * A statistic over the defined per-item values of one metric: the mean, a percentile, the
 * minimum, maximum or sum. Gates and comparisons name them after the metric
 * ({@code latency.p99}, {@code ndcg_cut_10.mean}).
 *
 * @param name      the suffix used in rules: {@code mean}, {@code p99}, {@code p99.9}, {@code min}, {@code max}, {@code sum}
 * @param kind      which statistic
 * @param percentile for {@link Kind#PERCENTILE}, in (0, 100]; otherwise NaN
 */
public record Statistic(String name, Kind kind, double percentile) {
    /** The statistics there are. */
    public enum Kind {
        /** arithmetic mean, summed in item order */
        MEAN,
        /** nearest-rank percentile */
        PERCENTILE,
        /** smallest value */
        MIN,
        /** largest value */
        MAX,
        /** sum in item order */
        SUM
    }

    /** The mean, the default statistic of a metric. */
    public static final Statistic MEAN = new Statistic("mean", Kind.MEAN, Double.NaN);

    /**
     * Parses a statistic suffix, or returns {@code null} if {@code text} is not one
     * ({@code mean}, {@code min}, {@code max}, {@code sum}, {@code pN} with 0 &lt; N &le; 100).
     */
    public static Statistic parse(String text) {
        switch (text) {
            case "mean":
                return MEAN;
            case "min":
                return new Statistic("min", Kind.MIN, Double.NaN);
            case "max":
                return new Statistic("max", Kind.MAX, Double.NaN);
            case "sum":
                return new Statistic("sum", Kind.SUM, Double.NaN);
            default:
                break;
        }
        if (text.length() > 1 && text.charAt(0) == 'p' && text.substring(1).matches("\\d+(\\.\\d+)?")) {
            double p = Double.parseDouble(text.substring(1));
            if (p > 0 && p <= 100) {
                return new Statistic(text, Kind.PERCENTILE, p);
            }
        }
        return null;
    }

    /** A percentile statistic, named {@code p50}, {@code p99.9}. */
    public static Statistic percentile(double p) {
        String digits = p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
        return new Statistic("p" + digits, Kind.PERCENTILE, p);
    }

    /** The statistic of {@code values} (defined values only); NaN for no values. */
    public double of(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        return switch (kind) {
            case MEAN -> sum(values) / values.length;
            case SUM -> sum(values);
            case MIN -> Arrays.stream(values).min().orElseThrow();
            case MAX -> Arrays.stream(values).max().orElseThrow();
            case PERCENTILE -> Percentiles.nearestRank(sortedCopy(values), percentile);
        };
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    private static double[] sortedCopy(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s;
    }
}
