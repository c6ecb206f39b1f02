package dev.plumbline.engines.index;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlatIndexTest {
    /** Float dot products of length ≤ 1023 with |x| ≤ 1 agree to this across summation orders. */
    private static final float SCORE_TOLERANCE = 1e-5f;

    static float[][] vectors(int n, int dim, SplittableRandom random, boolean integers) {
        float[][] v = new float[n][];
        for (int d = 0; d < n; d++) {
            v[d] = vector(dim, random, integers);
        }
        return v;
    }

    static float[] vector(int dim, SplittableRandom random, boolean integers) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = integers ? random.nextInt(-2, 3) : (float) (random.nextDouble() * 2 - 1) / (float) Math.sqrt(dim);
        }
        return v;
    }

    private static FlatIndex index(float[][] docs) {
        FlatIndex index = new FlatIndex(docs[0].length);
        for (float[] d : docs) {
            index.add(d);
        }
        return index;
    }

    @Test
    void integerVectorsGiveExactlyTheReferenceRankingIncludingTies() {
        SplittableRandom random = new SplittableRandom(11);
        // 1023 documents: one full block of 768 and a partial one; small integers make many ties.
        for (int dim : new int[] {1, 7, 13, 33, 127, 384, 385}) {
            float[][] docs = vectors(1023, dim, random, true);
            FlatIndex index = index(docs);
            float[][] queries = vectors(13, dim, random, true);
            SearchResults expected = FlatIndex.reference(docs, queries, 100);
            for (int threads : new int[] {1, 2, 3}) {
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
            float[][] docs = vectors(4099, dim, random, false);
            FlatIndex index = index(docs);
            float[][] queries = vectors(2, dim, random, false);
            SearchResults expected = FlatIndex.reference(docs, queries, 10);
            SearchResults actual = index.search(queries, 10, 2);
            for (int q = 0; q < queries.length; q++) {
                for (int r = 0; r < 10; r++) {
                    assertEquals(expected.scores()[q][r], actual.scores()[q][r], SCORE_TOLERANCE, "rank " + r);
                }
            }
        }
    }

    @Test
    void scoresAreTheSequentialFmaChainWhateverTheBatch() {
        SplittableRandom random = new SplittableRandom(9);
        for (int dim : new int[] {1, 33, 385, 800}) {
            float[][] docs = vectors(1601, dim, random, false);
            FlatIndex index = index(docs);
            // 131 queries: more than one GEMM chunk of 120, and a partial 6-row tile.
            float[][] queries = vectors(131, dim, random, false);
            SearchResults batch = index.search(queries, 5, 1);
            for (int q : new int[] {0, 119, 120, 130}) {
                SearchResults alone = index.search(new float[][] {queries[q]}, 5, 2);
                assertArrayEquals(batch.ids()[q], alone.ids()[0]);
                assertArrayEquals(batch.scores()[q], alone.scores()[0]);
                for (int r = 0; r < 5; r++) {
                    assertEquals(FlatIndex.sequentialDot(queries[q], docs[batch.ids()[q][r]]), batch.scores()[q][r],
                            "dim " + dim + " query " + q + " rank " + r + ": GEMM lane ≠ sequential fma chain");
                }
            }
        }
    }

    @Test
    void addingAfterASearchRepacksThePartialBlock() {
        SplittableRandom random = new SplittableRandom(3);
        float[][] docs = vectors(900, 9, random, true);
        FlatIndex index = new FlatIndex(9);
        for (int d = 0; d < 800; d++) {
            index.add(docs[d]);
        }
        float[][] queries = vectors(3, 9, random, true);
        index.search(queries, 10, 1);
        for (int d = 800; d < 900; d++) {
            index.add(docs[d]);
        }
        SearchResults expected = FlatIndex.reference(docs, queries, 50);
        SearchResults actual = index.search(queries, 50, 2);
        for (int q = 0; q < queries.length; q++) {
            assertArrayEquals(expected.ids()[q], actual.ids()[q]);
        }
    }

    @Test
    void kLargerThanTheCorpusReturnsEveryDocumentAndBytesAreMeasured() {
        float[][] docs = vectors(3, 4, new SplittableRandom(1), true);
        VectorIndex index = VectorIndexes.build("flat", docs, IndexOptions.none(), 1);
        SearchResults r = index.search(new float[][] {{1, 0, 0, 0}}, 10, 2);
        assertEquals(3, r.ids()[0].length);
        // Measured, and exact: the partial block is kept as its rows, without panel padding.
        assertEquals(3 * 4 * Float.BYTES, index.bytes());
        // Full blocks are whole 64-column panels: still one float per dimension per document.
        FlatIndex big = index(vectors(2 * FlatIndex.DOC_BLOCK + 5, 3, new SplittableRandom(2), true));
        assertEquals((2L * FlatIndex.DOC_BLOCK + 5) * 3 * Float.BYTES, big.bytes());
    }

    @Test
    void wrongDimensionsAreRejectedWithTheConstraint() {
        FlatIndex index = new FlatIndex(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> index.add(new float[3]));
        assertEquals("vector has 3 dimensions, index expects 4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[][] {{1, 2, 3, 4}}, 0, 1));
        e = assertThrows(IllegalArgumentException.class, () -> index.search(new float[][] {{1, 2, 3}}, 1, 1));
        assertEquals("query has 3 dimensions, index expects 4", e.getMessage());
    }
}
