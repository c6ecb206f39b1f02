package dev.plumbline.engines.index;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FlatIndexTest {
    /** Float dot products of length ≤ 1023 with |x| ≤ 1 agree to this across summation orders. */
    private static final float SCORE_TOLERANCE = 1e-5f;

    private static FlatIndex index(int dim, int n, SplittableRandom random, boolean integers) {
        FlatIndex index = new FlatIndex(dim);
        for (int d = 0; d < n; d++) {
            index.add(vector(dim, random, integers));
        }
        return index;
    }

    private static float[] vector(int dim, SplittableRandom random, boolean integers) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = integers ? random.nextInt(-2, 3) : (float) (random.nextDouble() * 2 - 1) / (float) Math.sqrt(dim);
        }
        return v;
    }

    @Test
    void integerVectorsGiveExactlyTheReferenceRankingIncludingTies() {
        SplittableRandom random = new SplittableRandom(11);
        for (int dim : new int[] {1, 7, 13, 127, 384}) {
            FlatIndex index = index(dim, 1023, random, true);
            float[][] queries = new float[13][];
            for (int q = 0; q < queries.length; q++) {
                queries[q] = vector(dim, random, true);
            }
            SearchResults expected = index.searchReference(queries, 100);
            for (int threads : new int[] {1, 2}) {
                SearchResults actual = index.search(queries, 100, threads);
                for (int q = 0; q < queries.length; q++) {
                    assertArrayEquals(expected.ids()[q], actual.ids()[q], "dim " + dim + " query " + q);
                    assertArrayEquals(expected.scores()[q], actual.scores()[q], "dim " + dim + " query " + q);
                }
            }
        }
    }

    @Test
    void floatVectorsMatchTheReferenceWithinTolerance() {
        SplittableRandom random = new SplittableRandom(5);
        for (int dim : new int[] {7, 384, 1023}) {
            FlatIndex index = index(dim, 4099, random, false);
            float[][] queries = {vector(dim, random, false), vector(dim, random, false)};
            SearchResults expected = index.searchReference(queries, 10);
            SearchResults actual = index.search(queries, 10, 2);
            for (int q = 0; q < queries.length; q++) {
                for (int r = 0; r < 10; r++) {
                    assertEquals(expected.scores()[q][r], actual.scores()[q][r], SCORE_TOLERANCE, "rank " + r);
                }
            }
        }
    }

    @Test
    void kLargerThanTheCorpusReturnsEveryDocument() {
        FlatIndex index = index(4, 3, new SplittableRandom(1), true);
        SearchResults r = index.search(new float[][] {{1, 0, 0, 0}}, 10, 1);
        assertEquals(3, r.ids()[0].length);
        assertEquals(3 * 4 * Float.BYTES, index.bytes());
    }

    @Test
    void wrongDimensionsAreRejectedWithTheConstraint() {
        FlatIndex index = new FlatIndex(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> index.add(new float[3]));
        assertEquals("vector has 3 dimensions, index expects 4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[][] {{1, 2, 3, 4}}, 0, 1));
    }
}
