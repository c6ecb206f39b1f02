package dev.plumbline.engines.index;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LuceneHnswIndexTest {
    /** FP32 HNSW with efSearch 100 on 3,000 clustered vectors: well above this unless the graph is broken. */
    private static final double HNSW_RECALL = 0.9;
    /** Lucene's quantized graphs rank by quantized scores; 1-bit documents lose the most. */
    private static final double INT7_RECALL = 0.85;
    private static final double BINARY_RECALL = 0.4;
    /** Lucene's DOT_PRODUCT score (1 + dot) / 2 mapped back agrees with FP32 to float rounding. */
    private static final float SCORE_TOLERANCE = 1e-6f;

    private static final SyntheticVectors SET = new SyntheticVectors(48, 30, 1.0, 3);
    private static final float[][] DOCS = SET.rows(0, 0, 3000, 2);
    private static final float[][] QUERIES = SET.rows(1, 0, 40, 2);
    private static final SearchResults EXACT = FlatIndex.reference(DOCS, QUERIES, 10);

    private static VectorIndex build(Map<String, String> options, int threads) {
        return VectorIndexes.build("lucene-hnsw", DOCS, new IndexOptions("test", options), threads);
    }

    @Test
    void fp32GraphFindsTheExactNeighboursWithExactScores() {
        for (int threads : new int[] {1, 2}) {
            VectorIndex index = build(Map.of("m", "16", "beamWidth", "100", "efSearch", "100"), threads);
            assertEquals("lucene-hnsw m=16 beamWidth=100 efSearch=100", index.describe());
            SearchResults r = index.search(QUERIES, 10, threads);
            double recall = QuantizedIndexTest.recall(EXACT, r, 10);
            assertTrue(recall >= HNSW_RECALL, "recall@10 " + recall + " with " + threads + " build threads");
            for (int q = 0; q < QUERIES.length; q++) {
                for (int rank = 0; rank < r.ids()[q].length; rank++) {
                    assertEquals(FlatIndex.sequentialDot(QUERIES[q], DOCS[r.ids()[q][rank]]), r.scores()[q][rank],
                            SCORE_TOLERANCE, "query " + q + " rank " + rank);
                    if (rank > 0) {
                        assertTrue(r.scores()[q][rank] <= r.scores()[q][rank - 1], "ranked by score");
                    }
                }
            }
            // Index files: at least the raw vectors.
            assertTrue(index.bytes() > (long) DOCS.length * 48 * Float.BYTES, "bytes " + index.bytes());
        }
    }

    @Test
    void quantizedFormatsAndSearchTimeOptions() {
        VectorIndex int7 = build(Map.of("quantization", "int7"), 1);
        double r7 = QuantizedIndexTest.recall(EXACT, int7.search(QUERIES, 10, 2), 10);
        assertTrue(r7 >= INT7_RECALL, "int7 recall@10 " + r7);
        VectorIndex binary = build(Map.of("quantization", "binary"), 1);
        double rb = QuantizedIndexTest.recall(EXACT, binary.search(QUERIES, 10, 1), 10);
        assertTrue(rb >= BINARY_RECALL, "binary recall@10 " + rb);
        VectorIndex rescored = binary.withSearchOptions(new IndexOptions("t", Map.of("rescore", "true", "efSearch", "200")));
        assertEquals("lucene-hnsw m=16 beamWidth=100 efSearch=200 quantization=binary rescore=true", rescored.describe());
        SearchResults r = rescored.search(QUERIES, 10, 2);
        double rr = QuantizedIndexTest.recall(EXACT, r, 10);
        assertTrue(rr >= rb, "rescoring 200 candidates " + rr + " below plain " + rb);
        // Rescored scores are FP32 read back from Lucene's raw vectors: the flat index's exact bits.
        assertEquals(FlatIndex.sequentialDot(QUERIES[0], DOCS[r.ids()[0][0]]), r.scores()[0][0]);
    }

    @Test
    void kLargerThanTheCorpusAndUnnormalizedVectors() {
        float[][] docs = {{2, 0}, {0, 3}, {1, 1}};
        VectorIndex index = VectorIndexes.build("lucene-hnsw", docs, IndexOptions.none(), 1);
        SearchResults r = index.search(new float[][] {{1, 0.5f}}, 10, 1);
        assertEquals(3, r.ids()[0].length);
        // Inner products 2, 1.5, 1.5: maximum inner product, ties by ordinal.
        assertEquals(0, r.ids()[0][0]);
        assertEquals(2f, r.scores()[0][0], 1e-5f);
        assertEquals(1, r.ids()[0][1]);
        assertEquals(2, r.ids()[0][2]);
    }
}
