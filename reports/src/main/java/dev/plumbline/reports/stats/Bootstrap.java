package dev.plumbline.reports.stats;

import java.util.Arrays;

/**
 * Seeded percentile bootstrap intervals. Resampling is over items: each replicate draws
 * {@code n} item indices with replacement and recomputes the statistic, so an interval says how
 * much the result would move with a different sample of queries or samples of the same kind.
 * The resampling loop is {@link dev.plumbline.metrics.stats.Bootstrap#replicates}, fed by
 * {@link SplitMix64} so that intervals stay identical across JDKs.
 *
 * <p>Percentile ends: with {@code B} sorted replicates and {@code alpha = 1 - confidence}, the
 * interval is {@code [r[floor(B * alpha / 2)], r[ceil(B * (1 - alpha / 2)) - 1]]}; for B = 2000
 * and 95 % that is the 51st and the 1950th replicate.
 */
public final class Bootstrap {
    private Bootstrap() {
    }

    /**
     * Interval for the mean of {@code values}.
     *
     * @param values     defined values only (no NaN)
     * @param samples    bootstrap replicates, at least 1
     * @param confidence e.g. 0.95
     * @param seed       seed of this computation (see {@link SplitMix64#derive})
     */
    public static Interval meanInterval(double[] values, int samples, double confidence, long seed) {
        checkArgs(samples, confidence);
        int n = values.length;
        if (n == 0) {
            return Interval.UNDEFINED;
        }
        double[] replicates = dev.plumbline.metrics.stats.Bootstrap.replicates(n, draw -> {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[draw[i]];
            }
            return sum / n;
        }, samples, new SplitMix64(seed)::fill);
        return percentileInterval(replicates, confidence);
    }

    /**
     * Paired interval for {@code stat(current) - stat(baseline)}: each replicate draws the same
     * item indices from both arrays, so per-item differences in difficulty cancel.
     *
     * @param baseline   baseline values of the paired items
     * @param current    current values of the same items, same order and length
     * @param statistic  the statistic compared (mean, a percentile, ...)
     * @return the interval and the replicates' two-sided bootstrap p-value for "no change"
     */
    public static PairedBootstrap pairedDifference(double[] baseline, double[] current, Statistic statistic,
                                                   int samples, double confidence, long seed) {
        checkArgs(samples, confidence);
        if (baseline.length != current.length) {
            throw new IllegalArgumentException("paired arrays differ in length: " + baseline.length
                    + " vs " + current.length);
        }
        int n = baseline.length;
        if (n == 0) {
            return new PairedBootstrap(Interval.UNDEFINED, Double.NaN);
        }
        double[] b = new double[n];
        double[] c = new double[n];
        double[] replicates = dev.plumbline.metrics.stats.Bootstrap.replicates(n, draw -> {
            for (int i = 0; i < n; i++) {
                b[i] = baseline[draw[i]];
                c[i] = current[draw[i]];
            }
            return statistic.of(c) - statistic.of(b);
        }, samples, new SplitMix64(seed)::fill);
        int atOrBelowZero = 0;
        int atOrAboveZero = 0;
        for (double d : replicates) {
            if (d <= 0) {
                atOrBelowZero++;
            }
            if (d >= 0) {
                atOrAboveZero++;
            }
        }
        // Two-sided bootstrap p-value: how often the replicates fall on the far side of zero,
        // doubled, with the +1 correction that keeps it away from an impossible 0.
        double p = Math.min(1.0, 2.0 * (Math.min(atOrBelowZero, atOrAboveZero) + 1) / (samples + 1));
        return new PairedBootstrap(percentileInterval(replicates, confidence), p);
    }

    /**
     * An interval from a paired bootstrap and the bootstrap p-value for no change.
     *
     * @param interval the percentile interval of the difference
     * @param p        two-sided p-value
     */
    public record PairedBootstrap(Interval interval, double p) {
    }

    static Interval percentileInterval(double[] replicates, double confidence) {
        double[] sorted = replicates.clone();
        Arrays.sort(sorted);
        int b = sorted.length;
        double alpha = 1 - confidence;
        int lo = (int) Math.floor(b * alpha / 2);
        int hi = (int) Math.ceil(b * (1 - alpha / 2)) - 1;
        lo = Math.clamp(lo, 0, b - 1);
        hi = Math.clamp(hi, 0, b - 1);
        return new Interval(sorted[lo], sorted[hi]);
    }

    private static void checkArgs(int samples, double confidence) {
        if (samples < 1) {
            throw new IllegalArgumentException("bootstrap samples must be at least 1, got " + samples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1 (exclusive), got " + confidence);
        }
    }
}
