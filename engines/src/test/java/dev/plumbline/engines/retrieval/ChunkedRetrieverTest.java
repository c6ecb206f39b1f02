package dev.plumbline.engines.retrieval;

import dev.plumbline.engines.StageConfig;
import dev.plumbline.engines.chunking.ChunkerContext;
import dev.plumbline.engines.chunking.Chunkers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkedRetrieverTest {
    /** Three documents: d0's first sentence matches, d1's second sentence matches twice, d2 never. */
    static final Corpus CORPUS = new Corpus(List.of("d0", "d1", "d2"), List.of(
            "Salmon swim upstream. Nothing else here.",
            "Rivers are long. Salmon and salmon ladders. Salmon again.",
            "Bridges span rivers. Towers stand tall."));

    static ChunkedRetriever open(String aggregate) throws Exception {
        StageConfig c = Chunkers.config("s1", "sentence", "chunking[0]", Map.of("sentences", "1",
                "aggregate", aggregate));
        return ChunkedRetriever.open(new RetrieverConfig("bm25", "bm25", "retrievers.bm25", Map.of(), List.of()),
                Chunkers.open(c, ChunkerContext.TEXT_ONLY), c, CORPUS, RetrieverContext.DIRECT);
    }

    @Test
    void chunkScoresAggregatePerDocument() throws Exception {
        try (ChunkedRetriever max = open("maxp"); ChunkedRetriever first = open("firstp");
             ChunkedRetriever sum = open("sump")) {
            assertEquals(7, max.chunks().size());
            assertEquals(7 / 3.0, max.chunksPerDoc(), 1e-12);
            Hits chunks = max.searchChunks("salmon", 7);
            Hits m = max.search("salmon", 3);
            // MaxP: each document scores as its best chunk, and only documents with a hit are ranked.
            assertEquals(2, m.size());
            double best0 = -1;
            double best1 = -1;
            double sum1 = 0;
            for (int r = 0; r < chunks.size(); r++) {
                int doc = max.chunks().get(chunks.docs()[r]).doc();
                if (doc == 0) {
                    best0 = Math.max(best0, chunks.scores()[r]);
                } else if (doc == 1) {
                    best1 = Math.max(best1, chunks.scores()[r]);
                    sum1 += chunks.scores()[r];
                }
            }
            assertEquals(Math.max(best0, best1), m.scores()[0]);
            assertTrue(m.stageNanos().containsKey("aggregate"));
            // FirstP: only d0's first chunk mentions salmon; d1's first chunk does not.
            Hits f = first.search("salmon", 3);
            assertArrayEquals(new int[] {0}, f.docs());
            assertEquals(best0, f.scores()[0]);
            // SumP: d1's two salmon sentences add up.
            Hits s = sum.search("salmon", 3);
            assertEquals(1, s.docs()[0]);
            assertEquals(sum1, s.scores()[0], 1e-9);
            assertEquals(List.of(m.docs().length), List.of(max.searchAll(List.of("salmon"), 3, 1).get(0).size()));
            assertEquals("s1", max.details().get("chunker"));
            assertEquals("maxp", max.details().get("chunk_aggregation"));
        }
    }
}
