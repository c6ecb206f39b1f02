package dev.plumbline.reports.stats;

/**
 * Paired two-sided randomization (permutation) test of "the mean per-item difference is 0".
 * Under the null hypothesis the baseline and current value of an item are exchangeable, so each
 * permutation flips the sign of every per-item difference with probability 1/2. The p-value is
 * {@code (1 + #{|mean flipped| >= |mean observed|}) / (1 + permutations)}, which is never 0.
 */
public final class RandomizationTest {
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
}
