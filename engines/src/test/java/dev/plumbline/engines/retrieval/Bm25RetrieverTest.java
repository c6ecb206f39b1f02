package dev.plumbline.engines.retrieval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BM25 over Lucene against hand-computed scores, and the analysis Anserini's BEIR indexes use. */
class Bm25RetrieverTest {
    private static final Corpus CORPUS = new Corpus(List.of("d0", "d1", "d2"), List.of(
            "Cats run fast",
            "Dogs run",
            "The cat sat on the mat with another cat"));

    private static RetrieverConfig bm25(Map<String, String> options) {
        return new RetrieverConfig("bm25", "bm25", "retrievers.bm25", options, List.of());
    }

    @Test
    void analysisIsPossessiveLowercaseStopwordsPorter() throws Exception {
        try (Bm25Retriever r = (Bm25Retriever) Retrievers.open(bm25(Map.of()), CORPUS, RetrieverContext.DIRECT)) {
            // "Dog's" loses 's before lower-casing; "The", "on", "with", "and" are Lucene English stopwords.
            assertEquals(List.of("dog", "run", "cat", "cat", "anoth"),
                    r.terms("The Dog's RUNNING on cats and CATS with another"));
        }
    }

    @Test
    void scoresAreLuceneBm25WithK1AndB() throws Exception {
        try (Retriever r = Retrievers.open(bm25(Map.of()), CORPUS, RetrieverContext.DIRECT)) {
            Hits h = r.search("cat", 10);
            // N = 3, n = 2: idf = ln(1 + 1.5 / 2.5). Lengths 3, 2, 5 (stopwords dropped): avgdl = 10/3.
            // d2: tf 2, dl 5: 2 / (2 + 0.9 (0.6 + 0.4 * 1.5)); d0: tf 1, dl 3: 1 / (1 + 0.9 (0.6 + 0.4 * 0.9)).
            double idf = Math.log(1.6);
            assertArrayEquals(new int[] {2, 0}, h.docs());
            assertArrayEquals(new double[] {idf * 2 / (2 + 0.9 * 1.2), idf / (1 + 0.9 * 0.96)}, h.scores(), 1e-6);
            assertTrue(h.stageNanos().containsKey("search"));
            assertTrue(r.bytes() > 0);
            assertEquals("bm25 k1=0.9 b=0.4 analyzer=anserini-english", r.describe());
        }
    }

    @Test
    void repeatedQueryTermsAreBoostedByTheirCount() throws Exception {
        try (Retriever r = Retrievers.open(bm25(Map.of("k1", "1.2", "b", "0.75")), CORPUS, RetrieverContext.DIRECT)) {
            double once = r.search("run", 10).scores()[0];
            double twice = r.search("run runs", 10).scores()[0];
            assertEquals(2 * once, twice, 1e-6);
        }
    }

    @Test
    void searchAllInParallelEqualsOneByOne() throws Exception {
        try (Retriever r = Retrievers.open(bm25(Map.of()), CORPUS, RetrieverContext.DIRECT)) {
            List<String> qs = List.of("cat", "dogs run", "mat", "nothing matches");
            List<Hits> all = r.searchAll(qs, 2, 2);
            for (int i = 0; i < qs.size(); i++) {
                assertArrayEquals(r.search(qs.get(i), 2).docs(), all.get(i).docs());
                assertArrayEquals(r.search(qs.get(i), 2).scores(), all.get(i).scores());
            }
            assertEquals(0, all.get(3).size());
        }
    }

    @Test
    void badOptionsNameTheKeyPath() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Retrievers.check(bm25(Map.of("k3", "1"))))
                .getMessage().startsWith("retrievers.bm25.k3: a bm25 retriever has no option 'k3'; it knows b, k1, threads"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Retrievers.check(bm25(Map.of("b", "2"))))
                .getMessage().startsWith("retrievers.bm25.b: must be a number from 0.0 to 1.0"));
    }
}
