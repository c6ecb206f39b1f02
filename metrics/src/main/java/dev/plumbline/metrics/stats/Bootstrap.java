package dev.plumbline.metrics.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Seeded percentile bootstrap over items: resample item indices with replacement, recompute the
 * statistic, take the 2.5th and 97.5th percentiles. Same seed, same interval. Resamples whose
 * statistic is undefined (NaN, e.g. AUROC of a resample with one class) are counted and left out
 * of the percentiles, and the count is reported.
 *
 * <p>{@link #replicates} is the resampling loop itself, with the source of indices and the use
 * of the replicates left to the caller; the reports' intervals and paired comparisons
 * ({@code dev.plumbline.reports.stats.Bootstrap}) are built on it with their own generator.
 */
public final class Bootstrap {
    private Bootstrap() {
    }

    /**
     * A confidence interval.
     *
     * @param low        lower bound
     * @param high       upper bound
     * @param resamples  resamples drawn
     * @param undefined  resamples whose statistic was NaN
     */
    public record Interval(double low, double high, int resamples, int undefined) {
    }

    /** Draws the item indices of one resample. */
    @FunctionalInterface
    public interface Draw {
        /** Fills {@code out} with indices in {@code [0, bound)}, uniformly and with replacement. */
        void fill(int[] out, int bound);
    }

    /**
     * The statistic of each of {@code resamples} resamples of {@code n} items, in draw order.
     * The index array passed to {@code statistic} is reused from one resample to the next.
     *
     * @param n         items, at least 1
     * @param statistic computes the statistic from resampled item indices (may return NaN)
     * @param draw      the seeded source of indices
     */
    public static double[] replicates(int n, ToDoubleFunction<int[]> statistic, int resamples, Draw draw) {
        double[] values = new double[resamples];
        int[] idx = new int[n];
        for (int r = 0; r < resamples; r++) {
            draw.fill(idx, n);
            values[r] = statistic.applyAsDouble(idx);
        }
        return values;
    }

    /**
     * The 95% percentile interval of {@code statistic} over {@code n} items.
     *
     * @param statistic computes the statistic from resampled item indices
     */
    public static Interval percentile95(int n, ToDoubleFunction<int[]> statistic, int resamples, long seed) {
        if (n <= 0) {
            return new Interval(Double.NaN, Double.NaN, 0, 0);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = replicates(n, statistic, resamples, (out, bound) -> {
            for (int i = 0; i < out.length; i++) {
                out[i] = random.nextInt(bound);
            }
        });
        int defined = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                values[defined++] = v;
            }
        }
        if (defined == 0) {
            return new Interval(Double.NaN, Double.NaN, resamples, resamples);
        }
        double[] sorted = Arrays.copyOf(values, defined);
        Arrays.sort(sorted);
        return new Interval(quantile(sorted, 0.025), quantile(sorted, 0.975), resamples, resamples - defined);
    }

    /** Linear interpolation between order statistics (type 7, as numpy's default). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
