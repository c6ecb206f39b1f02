package dev.plumbline.reports.stats;

/**
 * Paired two-sided randomization (permutation) test of "the mean per-item difference is 0".
 * Under the null hypothesis the baseline and current value of an item are exchangeable, so each
 * permutation flips the sign of every per-item difference with probability 1/2. The p-value is
 * {@code (1 + #{|mean flipped| >= |mean observed|}) / (1 + permutations)}, which is never 0.
 * With few items ({@code 2^n <= permutations}, at most {@value #MAX_EXACT_ITEMS} items) every
 * sign pattern is enumerated instead and the p-value is exact.
 */
public final class RandomizationTest {
    /** Up to this many items, all 2^n sign patterns are enumerated when that is no more work than sampling. */
    static final int MAX_EXACT_ITEMS = 20;

    private RandomizationTest() {
    }

    /**
     * @param baseline     baseline values of the paired items (no NaN)
     * @param current      current values of the same items
     * @param permutations random sign flips, at least 1
     * @param seed         seed of this test
     * @return the two-sided p-value, or NaN for no items
     */
    public static double pValue(double[] baseline, double[] current, int permutations, long seed) {
        if (baseline.length != current.length) {
            throw new IllegalArgumentException("paired arrays differ in length: " + baseline.length
                    + " vs " + current.length);
        }
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations must be at least 1, got " + permutations);
        }
        int n = baseline.length;
        if (n == 0) {
            return Double.NaN;
        }
        double[] d = new double[n];
        double observed = 0;
        for (int i = 0; i < n; i++) {
            d[i] = current[i] - baseline[i];
            observed += d[i];
        }
        // Compare sums rather than means (same test); a relative epsilon keeps flips that give
        // the observed sum up to rounding from being counted as less extreme.
        double threshold = Math.abs(observed) * (1 - 1e-12);
        if (n <= MAX_EXACT_ITEMS && (1L << n) <= permutations) {
            return exact(d, threshold);
        }
        SplitMix64 rnd = new SplitMix64(seed);
        int extreme = 0;
        for (int r = 0; r < permutations; r++) {
            double s = 0;
            long bits = 0;
            for (int i = 0; i < n; i++) {
                if ((i & 63) == 0) {
                    bits = rnd.nextLong();
                }
                s += (bits & 1) == 0 ? d[i] : -d[i];
                bits >>>= 1;
            }
            if (Math.abs(s) >= threshold) {
                extreme++;
            }
        }
        return (1.0 + extreme) / (1.0 + permutations);
    }

    /** Every sign pattern once; the identity pattern is among them, so the p-value is at least 2^-n. */
    private static double exact(double[] d, double threshold) {
        int n = d.length;
        long patterns = 1L << n;
        long extreme = 0;
        for (long mask = 0; mask < patterns; mask++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += ((mask >>> i) & 1) == 0 ? d[i] : -d[i];
            }
            if (Math.abs(s) >= threshold) {
                extreme++;
            }
        }
        return (double) extreme / patterns;
    }
}
