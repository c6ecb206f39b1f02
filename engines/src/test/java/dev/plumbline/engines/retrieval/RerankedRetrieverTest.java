package dev.plumbline.engines.retrieval;

import dev.plumbline.engines.rerank.Reranker;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RerankedRetrieverTest {
    static final Corpus CORPUS = new Corpus(List.of("a", "b", "c", "d"), List.of(
            "salmon salmon salmon river", "salmon river long text here", "salmon", "river only"));

    /** Scores a candidate by its length, or NaN for the one containing "long": a reranker with a failure. */
    static final class ByLength implements Reranker {
        @Override
        public String type() {
            return "by-length";
        }

        @Override
        public Map<String, String> details() {
            return Map.of("rule", "length");
        }

        @Override
        public double[] scores(String query, List<String> candidates) {
            return candidates.stream().mapToDouble(c -> c.contains("long") ? Double.NaN : c.length()).toArray();
        }
    }

    @Test
    void theTopDepthIsReorderedAndTheRestStaysBelowInOrder() throws Exception {
        RetrieverConfig bm25 = new RetrieverConfig("bm25", "bm25", "retrievers.bm25", Map.of(), List.of());
        try (Retriever first = Retrievers.open(bm25, CORPUS, RetrieverContext.DIRECT);
             RerankedRetriever r = new RerankedRetriever(Retrievers.open(bm25, CORPUS, RetrieverContext.DIRECT),
                     new ByLength(), "len", CORPUS, 3)) {
            Hits before = first.search("salmon river", 4);
            Hits after = r.search("salmon river", 4);
            assertEquals(4, before.size());
            // The first three by length (the NaN one after the scored ones), the fourth as it was.
            int[] top3 = java.util.Arrays.copyOf(before.docs(), 3);
            List<Integer> scored = new java.util.ArrayList<>();
            Integer failed = null;
            for (int d : top3) {
                if (CORPUS.texts().get(d).contains("long")) {
                    failed = d;
                } else {
                    scored.add(d);
                }
            }
            scored.sort((x, y) -> Integer.compare(CORPUS.texts().get(y).length(), CORPUS.texts().get(x).length()));
            List<Integer> expected = new java.util.ArrayList<>(scored);
            if (failed != null) {
                expected.add(failed);
            }
            expected.add(before.docs()[3]);
            assertEquals(expected, java.util.Arrays.stream(after.docs()).boxed().toList());
            for (int i = 1; i < after.size(); i++) {
                assertTrue(after.scores()[i] < after.scores()[i - 1], "strictly decreasing, so trec_eval keeps the order");
            }
            assertTrue(after.stageNanos().containsKey("rerank"));
            assertArrayEquals(after.docs(), r.searchAll(List.of("salmon river"), 4, 1).get(0).docs());
            assertEquals("len", r.details().get("reranker"));
            assertEquals("length", r.details().get("rerank.rule"));
        }
    }
}
