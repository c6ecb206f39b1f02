package dev.plumbline.reports.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatisticsTest {
    @Test
    void splitMix64MatchesTheReferenceSequence() {
        // Reference outputs of SplitMix64 for seed 0 (Vigna's splitmix64.c).
        SplitMix64 r = new SplitMix64(0);
        assertEquals(0xe220a8397b1dcdafL, r.nextLong());
        assertEquals(0x6e789e6aa1b965f4L, r.nextLong());
        assertEquals(0x06c45d188009454fL, r.nextLong());
    }

    @Test
    void derivedSeedsDependOnEveryNameAndTheirBoundaries() {
        assertEquals(SplitMix64.derive(1, "a", "b"), SplitMix64.derive(1, "a", "b"));
        assertNotEquals(SplitMix64.derive(1, "ab", "c"), SplitMix64.derive(1, "a", "bc"));
        assertNotEquals(SplitMix64.derive(1, "a"), SplitMix64.derive(2, "a"));
    }

    @Test
    void nextIntStaysInBound() {
        SplitMix64 r = new SplitMix64(7);
        for (int i = 0; i < 10_000; i++) {
            int v = r.nextInt(7);
            assertTrue(v >= 0 && v < 7, Integer.toString(v));
        }
        assertThrows(IllegalArgumentException.class, () -> r.nextInt(0));
        int[] draw = new int[101];
        r.fill(draw, 3);
        int[] seen = new int[3];
        for (int v : draw) {
            seen[v]++;
        }
        assertTrue(seen[0] > 15 && seen[1] > 15 && seen[2] > 15, java.util.Arrays.toString(seen));
    }

    @Test
    void bootstrapOfAConstantIsThatConstant() {
        Interval ci = Bootstrap.meanInterval(new double[] {0.25, 0.25, 0.25}, 500, 0.95, 3);
        assertEquals(0.25, ci.low());
        assertEquals(0.25, ci.high());
    }

    @Test
    void bootstrapIsSeededAndCoversTheMean() {
        double[] v = new double[50];
        for (int i = 0; i < v.length; i++) {
            v[i] = i / 49.0;
        }
        Interval a = Bootstrap.meanInterval(v, 2000, 0.95, 11);
        Interval b = Bootstrap.meanInterval(v, 2000, 0.95, 11);
        Interval c = Bootstrap.meanInterval(v, 2000, 0.95, 12);
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertTrue(a.low() < 0.5 && a.high() > 0.5, a.toString());
        // Standard error of the mean of 0..1 uniform grid: ~0.29 / sqrt(50) = 0.041, so the 95 % interval is about +-0.08.
        assertEquals(0.16, a.high() - a.low(), 0.03, a.toString());
    }

    @Test
    void bootstrapOfNothingIsUndefined() {
        Interval ci = Bootstrap.meanInterval(new double[0], 100, 0.95, 1);
        assertTrue(Double.isNaN(ci.low()) && Double.isNaN(ci.high()));
    }

    @Test
    void percentileIntervalPicksTheDocumentedReplicates() {
        double[] r = new double[2000];
        for (int i = 0; i < r.length; i++) {
            r[i] = 1999 - i;
        }
        Interval ci = Bootstrap.percentileInterval(r, 0.95);
        assertEquals(50, ci.low());
        assertEquals(1949, ci.high());
    }

    @Test
    void randomizationTestOfIdenticalRunsIsOne() {
        double[] a = {0.1, 0.5, 0.9, 0.3};
        assertEquals(1.0, RandomizationTest.pValue(a, a.clone(), 999, 5));
    }

    @Test
    void randomizationTestDetectsAConsistentShift() {
        double[] base = new double[40];
        double[] cur = new double[40];
        for (int i = 0; i < base.length; i++) {
            base[i] = 0.3 + (i % 7) * 0.05;
            cur[i] = base[i] + 0.1;
        }
        double p = RandomizationTest.pValue(base, cur, 9999, 5);
        // No sign flip pattern but all-same reaches the observed sum: p = (1 + 1) / 10000 at most by chance.
        assertTrue(p <= 3.0 / 10000, Double.toString(p));
        assertEquals(p, RandomizationTest.pValue(base, cur, 9999, 5), "seeded");
    }

    @Test
    void randomizationTestWithFewItemsIsExact() {
        // Two differences +1 and +1: sign patterns ++, +-, -+, --; |sum| >= 2 for ++ and --: p = 1/2 exactly.
        assertEquals(0.5, RandomizationTest.pValue(new double[] {0, 0}, new double[] {1, 1}, 100_000, 9));
        // Three differences 1, 2, 4: only +++ and --- reach |7|: p = 2/8.
        assertEquals(0.25, RandomizationTest.pValue(new double[] {0, 0, 0}, new double[] {1, 2, 4}, 10_000, 9));
        // Sampling (2^3 > 4 permutations) approximates it with the +1 correction.
        double sampled = RandomizationTest.pValue(new double[] {0, 0, 0}, new double[] {1, 2, 4}, 4, 9);
        assertTrue(sampled >= 0.2 && sampled <= 1, Double.toString(sampled));
    }

    @Test
    void holmAdjustsStepDownAndKeepsOrderAndNaN() {
        double[] adjusted = Holm.adjust(new double[] {0.01, 0.04, Double.NaN, 0.03, 0.5});
        // Sorted: 0.01*4=0.04, 0.03*3=0.09, 0.04*2=0.08 -> monotone 0.09, 0.5*1=0.5.
        assertArrayEquals(new double[] {0.04, 0.09, Double.NaN, 0.09, 0.5}, adjusted, 1e-12);
    }

    @Test
    void nearestRankPercentiles() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5, Percentiles.nearestRank(sorted, 50));
        assertEquals(9, Percentiles.nearestRank(sorted, 90));
        assertEquals(10, Percentiles.nearestRank(sorted, 99));
        assertEquals(1, Percentiles.nearestRank(sorted, 0.1));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.nearestRank(sorted, 0));
    }

    @Test
    void statisticsParseFromRuleSuffixes() {
        assertEquals(Statistic.MEAN, Statistic.parse("mean"));
        assertEquals(99.9, Statistic.parse("p99.9").percentile());
        assertEquals("p50", Statistic.percentile(50).name());
        assertEquals("p99.9", Statistic.percentile(99.9).name());
        assertNull(Statistic.parse("p0"));
        assertNull(Statistic.parse("10"));
        assertEquals(6.0, Statistic.parse("sum").of(new double[] {1, 2, 3}));
        assertTrue(Double.isNaN(Statistic.MEAN.of(new double[0])));
    }

    /**
     * Pins exact intervals and p-value for a seed: golden reports depend on them, so a change to
     * the draws or the percentile ends shows here first.
     */
    @Test
    void bootstrapResultsArePinnedForASeed() {
        double[] v = new double[57];
        double[] w = new double[57];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(i * 1.7) * 0.5 + 0.5;
            w[i] = v[i] + Math.cos(i * 0.3) * 0.1;
        }
        assertEquals(new Interval(0.4293150782673993, 0.5771334057265032), Bootstrap.meanInterval(v, 2000, 0.9, 11));
        Bootstrap.PairedBootstrap p = Bootstrap.pairedDifference(v, w, Statistic.percentile(90), 1999, 0.95, 5);
        assertEquals(new Interval(-0.06448132190543077, 0.059492066330989246), p.interval());
        assertEquals(0.924, p.p());
    }

    @Test
    void pairedBootstrapOfAShiftExcludesZero() {
        double[] base = {0.2, 0.4, 0.6, 0.8, 0.3, 0.5, 0.7, 0.9};
        double[] cur = new double[base.length];
        for (int i = 0; i < base.length; i++) {
            cur[i] = base[i] - 0.1 - 0.01 * i;
        }
        Bootstrap.PairedBootstrap b = Bootstrap.pairedDifference(base, cur, Statistic.MEAN, 2000, 0.95, 4);
        assertTrue(b.interval().high() < 0, b.toString());
        assertTrue(b.p() < 0.01, b.toString());
    }
}
