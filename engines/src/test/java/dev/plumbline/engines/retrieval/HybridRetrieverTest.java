package dev.plumbline.engines.retrieval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A hybrid is its parts' lists, read in trec_eval's order, through its Fusion. */
class HybridRetrieverTest {
    private static final Corpus CORPUS = new Corpus(List.of("a", "b", "c", "d"), List.of(
            "red apples and green pears", "green pears", "red red wine", "apples apples apples"));
    private static final RetrieverConfig PLAIN = new RetrieverConfig("plain", "bm25", "retrievers.plain", Map.of(),
            List.of());
    private static final RetrieverConfig FLAT = new RetrieverConfig("flat", "bm25", "retrievers.flat",
            Map.of("k1", "1.5", "b", "0"), List.of());

    private static RetrieverConfig hybrid(Map<String, String> options, List<RetrieverConfig> parts) {
        return new RetrieverConfig("hyb", "hybrid", "retrievers.hyb", options, parts);
    }

    @Test
    void hybridEqualsFusionOfItsParts() throws Exception {
        try (Retriever h = Retrievers.open(hybrid(Map.of("method", "rrf", "k", "1"), List.of(PLAIN, FLAT)), CORPUS,
                RetrieverContext.DIRECT);
             Retriever p = Retrievers.open(PLAIN, CORPUS, RetrieverContext.DIRECT);
             Retriever f = Retrievers.open(FLAT, CORPUS, RetrieverContext.DIRECT)) {
            for (String q : List.of("red apples", "green", "wine pears apples")) {
                Hits a = p.search(q, 1000);
                Hits b = f.search(q, 1000);
                Fusion.Ranked expected = Fusion.rrf(1).fuse(List.of(trecOrder(a), trecOrder(b)), 3, (x, y) -> CORPUS.ids().get(y).compareTo(
                        CORPUS.ids().get(x)));
                Hits got = h.search(q, 3);
                assertArrayEquals(expected.keys(), got.docs(), q);
                assertArrayEquals(expected.scores(), got.scores(), q);
                assertEquals(List.of("plain.search", "flat.search", "fuse"), List.copyOf(got.stageNanos().keySet()));
                assertArrayEquals(got.docs(), h.searchAll(List.of(q), 3, 2).get(0).docs());
            }
            assertEquals(p.bytes() + f.bytes(), h.bytes());
            assertTrue(h.describe().startsWith("hybrid rrf k=1 depth=1000 of [plain: bm25"), h.describe());
        }
    }

    /** Score descending, ties by id descending: with b = 0, "a" and "b" tie on "green", and "b" ranks first. */
    private static Fusion.Ranked trecOrder(Hits h) {
        List<Integer> idx = new java.util.ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            idx.add(i);
        }
        idx.sort((x, y) -> h.scores()[x] != h.scores()[y] ? Double.compare(h.scores()[y], h.scores()[x])
                : CORPUS.ids().get(h.docs()[y]).compareTo(CORPUS.ids().get(h.docs()[x])));
        return new Fusion.Ranked(idx.stream().mapToInt(i -> h.docs()[i]).toArray(),
                idx.stream().mapToDouble(i -> h.scores()[i]).toArray());
    }

    @Test
    void badHybridsNameTheKeyPath() {
        assertEquals("retrievers.hyb.of: a hybrid fuses two or more retrievers, got 1",
                assertThrows(IllegalArgumentException.class, () -> Retrievers.check(hybrid(Map.of(), List.of(PLAIN))))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Retrievers.check(
                hybrid(Map.of("method", "rrf", "norm", "max"), List.of(PLAIN, FLAT)))).getMessage()
                .startsWith("retrievers.hyb.norm: rrf reads ranks"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Retrievers.check(
                hybrid(Map.of("method", "wsum", "weights", "1,2,3"), List.of(PLAIN, FLAT)))).getMessage()
                .startsWith("retrievers.hyb.weights: 3 weights for 2 parts"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Retrievers.check(
                new RetrieverConfig("x", "sparse", "retrievers.x", Map.of(), List.of()))).getMessage()
                .startsWith("retrievers.x.type: unknown retriever type 'sparse'; known: bm25, dense, hybrid"));
    }
}
