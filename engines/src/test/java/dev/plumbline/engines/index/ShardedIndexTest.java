package dev.plumbline.engines.index;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exact search over a corpus in parts: each part's top-k merged into the global top-k equals one
 * {@code flat} index over the whole corpus, ordinals and score bits, on odd sizes and dimensions,
 * with repeated vectors so that ties (broken by the lower global ordinal) cross parts.
 */
class ShardedIndexTest {
    private static float[][] corpus(int n, int dim) {
        float[][] docs = new SyntheticVectors(dim, 7, 0.5, 17).rows(0, 0, n, 1);
        // Exact duplicates a few rows apart land in different parts: equal scores across parts.
        for (int i = 5; i + 3 < n; i += 11) {
            docs[i + 3] = docs[i].clone();
        }
        return docs;
    }

    private static void assertSame(SearchResults expected, SearchResults actual) {
        assertEquals(expected.ids().length, actual.ids().length);
        for (int q = 0; q < expected.ids().length; q++) {
            assertArrayEquals(expected.ids()[q], actual.ids()[q], "query " + q);
            assertEquals(expected.scores()[q].length, actual.scores()[q].length);
            for (int r = 0; r < expected.scores()[q].length; r++) {
                assertEquals(Float.floatToRawIntBits(expected.scores()[q][r]),
                        Float.floatToRawIntBits(actual.scores()[q][r]), "query " + q + " rank " + r);
            }
        }
    }

    @Test
    void partsOverFlatEqualOneFlatIndex() {
        for (int[] shape : new int[][] {{1, 7}, {13, 33}, {1023, 33}, {1541, 385}}) {
            int n = shape[0];
            int dim = shape[1];
            float[][] docs = corpus(n, dim);
            float[][] queries = new SyntheticVectors(dim, 7, 0.5, 17).rows(1, 0, 9, 1);
            queries[0] = docs[Math.min(5, n - 1)].clone(); // a query with tied best hits
            VectorIndex flat = VectorIndexes.build("flat", docs, IndexOptions.none(), 1);
            for (int parts : new int[] {1, 2, 3, 7}) {
                VectorIndex sharded = VectorIndexes.build("sharded", docs, new IndexOptions("retrieval.index",
                        Map.of("parts", Integer.toString(parts))), 2);
                assertTrue(sharded.exact());
                assertEquals(n, sharded.size());
                assertEquals(flat.bytes(), sharded.bytes(), "the parts hold the vectors once");
                for (int k : new int[] {1, 10, 100}) {
                    assertSame(flat.search(queries, k, 1), sharded.search(queries, k, 2));
                }
            }
        }
    }

    /** Contiguous ranges (as a distributed corpus splits), each searched alone, merged in any grouping. */
    @Test
    void globalMergesInAnyGroupingEqualOneFlatIndex() {
        int n = 1541;
        int dim = 33;
        float[][] docs = corpus(n, dim);
        float[][] queries = new SyntheticVectors(dim, 7, 0.5, 17).rows(1, 0, 9, 1);
        queries[0] = docs[5].clone();
        int[] bounds = {0, 400, 401, 1100, n};
        for (int k : new int[] {1, 10, 100}) {
            List<SearchResults> parts = new java.util.ArrayList<>();
            for (int p = 0; p + 1 < bounds.length; p++) {
                float[][] rows = java.util.Arrays.copyOfRange(docs, bounds[p], bounds[p + 1]);
                SearchResults local = VectorIndexes.build("flat", rows, IndexOptions.none(), 1)
                        .search(queries, Math.min(k, rows.length), 1);
                int[][] global = new int[local.ids().length][];
                for (int q = 0; q < global.length; q++) {
                    int offset = bounds[p];
                    global[q] = java.util.Arrays.stream(local.ids()[q]).map(i -> i + offset).toArray();
                }
                parts.add(new SearchResults(global, local.scores()));
            }
            SearchResults expected = VectorIndexes.build("flat", docs, IndexOptions.none(), 1).search(queries, k, 1);
            assertSame(expected, TopKMerge.mergeGlobal(parts, k));
            SearchResults left = TopKMerge.mergeGlobal(List.of(parts.get(3), parts.get(0)), k);
            SearchResults right = TopKMerge.mergeGlobal(List.of(parts.get(2), parts.get(1)), k);
            assertSame(expected, TopKMerge.mergeGlobal(List.of(right, left), k));
        }
        assertThrows(IllegalArgumentException.class, () -> TopKMerge.mergeGlobal(List.of(), 1));
    }

    @Test
    void anApproximateIndexInPartsIsReportedAsSuch() {
        float[][] docs = corpus(500, 33);
        VectorIndex sharded = VectorIndexes.build("sharded", docs, new IndexOptions("retrieval.index",
                Map.of("parts", "3", "index", "int8", "oversample", "2")), 1);
        assertFalse(sharded.exact());
        assertTrue(sharded.describe().startsWith("sharded parts=3 over int8"), sharded.describe());
        assertTrue(sharded.describe().endsWith("(approximate: each part's own index, merged top-k)"), sharded.describe());
    }

    @Test
    void badOptionsNameTheKeyPath() {
        float[][] docs = corpus(20, 7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VectorIndexes.build("sharded",
                docs, new IndexOptions("retrieval.index", Map.of("parts", "0")), 1));
        assertEquals("retrieval.index.parts: must be from 1 to 4096, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VectorIndexes.build("sharded",
                docs, new IndexOptions("retrieval.index", Map.of("index", "sharded")), 1));
        assertEquals("retrieval.index.index: a part cannot be sharded again; give flat or another index", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VectorIndexes.build("sharded",
                docs, new IndexOptions("retrieval.index", Map.of("oversample", "2")), 1));
        assertEquals("retrieval.index.oversample: index 'flat' has no option 'oversample'; it knows backend", e.getMessage());
    }

    @Test
    void theMergeRefusesPartsOfOtherQueriesAndUnorderedOrdinals() {
        SearchResults one = new SearchResults(new int[][] {{0}}, new float[][] {{1f}});
        SearchResults two = new SearchResults(new int[][] {{0}, {0}}, new float[][] {{1f}, {1f}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopKMerge.merge(List.of(one, two), List.of(new int[] {0}, new int[] {1}), 1));
        assertEquals("part 1 has results for 2 queries, part 0 for 1; merge results of the same queries", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TopKMerge.merge(List.of(one), List.of(new int[] {3, 2}), 1));
        assertEquals("part 0: global ordinals must increase with local ones (3 then 2 at local 1)", e.getMessage());
    }
}
