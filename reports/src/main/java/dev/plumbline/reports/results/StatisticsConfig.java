package dev.plumbline.reports.results;

/**
 * How intervals and tests are computed; stored in every results document so that every reader
 * recomputes the same numbers.
 *
 * @param seed             base seed; each engine × metric derives its own stream from it
 * @param bootstrapSamples bootstrap replicates per interval
 * @param confidence       interval coverage, e.g. 0.95
 * @param permutations     random sign flips per paired randomization test
 */
public record StatisticsConfig(long seed, int bootstrapSamples, double confidence, int permutations) {
    /** Seed 42, 2000 bootstrap replicates, 95 % intervals, 10,000 permutations. */
    public static final StatisticsConfig DEFAULTS = new StatisticsConfig(42, 2000, 0.95, 10_000);

    /** Checks the ranges. */
    public StatisticsConfig {
        if (bootstrapSamples < 1) {
            throw new IllegalArgumentException("bootstrapSamples must be at least 1, got " + bootstrapSamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1 (exclusive), got " + confidence);
        }
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations must be at least 1, got " + permutations);
        }
    }

    /** A copy with another seed. */
    public StatisticsConfig withSeed(long newSeed) {
        return new StatisticsConfig(newSeed, bootstrapSamples, confidence, permutations);
    }
}
