package dev.plumbline.engines.retrieval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.IntBinaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fusion against values computed by hand (ranx's formulas). */
class FusionTest {
    /** Ties: the higher key first, as trec_eval ranks equal scores by docno descending. */
    private static final IntBinaryOperator KEY_DESC = (a, b) -> Integer.compare(b, a);
    /** A: 1, 2, 3 scored 3, 2, 1. B: 3, 4 scored 4, 2. */
    private static final List<Fusion.Ranked> LISTS = List.of(
            new Fusion.Ranked(new int[] {1, 2, 3}, new double[] {3, 2, 1}),
            new Fusion.Ranked(new int[] {3, 4}, new double[] {4, 2}));

    @Test
    void rrfSumsReciprocalRanksFromOne() {
        Fusion.Ranked r = Fusion.rrf(60).fuse(LISTS, 10, KEY_DESC);
        // 3: 1/63 + 1/61; 1: 1/61; 2 and 4: 1/62 each, tied, so 4 (the higher key) first.
        assertArrayEquals(new int[] {3, 1, 4, 2}, r.keys());
        assertArrayEquals(new double[] {1.0 / 63 + 1.0 / 61, 1.0 / 61, 1.0 / 62, 1.0 / 62}, r.scores(), 1e-15);
        assertEquals("rrf k=60", Fusion.rrf(60).describe());
    }

    @Test
    void rrfWithKZeroIsTheReciprocalRank() {
        Fusion.Ranked r = Fusion.rrf(0).fuse(LISTS, 10, KEY_DESC);
        assertArrayEquals(new int[] {3, 1, 4, 2}, r.keys());
        assertArrayEquals(new double[] {1 + 1.0 / 3, 1, 0.5, 0.5}, r.scores(), 1e-15);
    }

    @Test
    void combSumOverMinMax() {
        // A: 1, 0.5, 0. B: 1, 0. Sums: 1 -> 1, 2 -> 0.5, 3 -> 0 + 1, 4 -> 0; 1 and 3 tie at 1.
        Fusion.Ranked r = Fusion.of("sum", 0, "min-max", null).fuse(LISTS, 10, KEY_DESC);
        assertArrayEquals(new int[] {3, 1, 2, 4}, r.keys());
        assertArrayEquals(new double[] {1, 1, 0.5, 0}, r.scores(), 1e-15);
        assertEquals("sum min-max", Fusion.of("sum", 0, null, null).describe());
    }

    @Test
    void combMnzMultipliesByTheListsThatHoldTheDocument() {
        Fusion.Ranked r = Fusion.of("mnz", 0, "min-max", null).fuse(LISTS, 10, KEY_DESC);
        assertArrayEquals(new int[] {3, 1, 2, 4}, r.keys());
        assertArrayEquals(new double[] {2, 1, 0.5, 0}, r.scores(), 1e-15);
    }

    @Test
    void maxNormalization() {
        // A: 1, 2/3, 1/3. B: 1, 1/2. Sums: 3 -> 4/3, 1 -> 1, 2 -> 2/3, 4 -> 1/2.
        Fusion.Ranked r = Fusion.of("sum", 0, "max", null).fuse(LISTS, 10, KEY_DESC);
        assertArrayEquals(new int[] {3, 1, 2, 4}, r.keys());
        assertArrayEquals(new double[] {4.0 / 3, 1, 2.0 / 3, 0.5}, r.scores(), 1e-15);
    }

    @Test
    void zScoreUsesThePopulationStandardDeviation() {
        // A: mean 2, sd sqrt(2/3): z = ±sqrt(3/2), 0. B: mean 3, sd 1: z = 1, -1.
        double z = Math.sqrt(1.5);
        Fusion.Ranked r = Fusion.of("sum", 0, "zmuv", null).fuse(LISTS, 10, KEY_DESC);
        assertArrayEquals(new int[] {1, 2, 3, 4}, r.keys());
        assertArrayEquals(new double[] {z, 0, 1 - z, -1}, r.scores(), 1e-12);
    }

    @Test
    void weightedSumWithAlpha() {
        // weights (0.3, 0.7) over min-max: 3 -> 0.7, 1 -> 0.3, 2 -> 0.15, 4 -> 0.
        Fusion f = Fusion.of("wsum", 0, "min-max", new double[] {0.3, 0.7});
        Fusion.Ranked r = f.fuse(LISTS, 10, KEY_DESC);
        assertArrayEquals(new int[] {3, 1, 2, 4}, r.keys());
        assertArrayEquals(new double[] {0.7, 0.3, 0.15, 0}, r.scores(), 1e-15);
        assertEquals("wsum min-max weights=0.3,0.7", f.describe());
        // Without weights, wsum weighs the lists equally: half of CombSUM.
        assertArrayEquals(new double[] {0.5, 0.5, 0.25, 0},
                Fusion.of("wsum", 0, null, null).fuse(LISTS, 10, KEY_DESC).scores(), 1e-15);
    }

    @Test
    void equalScoresNormalizeToZeroAsInRanx() {
        Fusion.Ranked r = Fusion.of("sum", 0, "min-max", null).fuse(
                List.of(new Fusion.Ranked(new int[] {5, 6}, new double[] {2, 2})), 10, KEY_DESC);
        assertArrayEquals(new int[] {6, 5}, r.keys());
        assertArrayEquals(new double[] {0, 0}, r.scores());
    }

    @Test
    void depthCutsTheFusedList() {
        assertArrayEquals(new int[] {3, 1}, Fusion.rrf(60).fuse(LISTS, 2, KEY_DESC).keys());
    }

    @Test
    void badSettingsNameTheFix() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Fusion.of("combsum", 60, null, null))
                .getMessage().contains("known: rrf, sum, mnz, wsum"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Fusion.of("rrf", 60, "min-max", null))
                .getMessage().contains("no normalization"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Fusion.of("sum", 0, "l2", null))
                .getMessage().contains("known: min-max, max, zmuv"));
        Fusion w = Fusion.of("wsum", 0, null, new double[] {1});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> w.fuse(LISTS, 10, KEY_DESC))
                .getMessage().contains("one weight per list"));
    }
}
