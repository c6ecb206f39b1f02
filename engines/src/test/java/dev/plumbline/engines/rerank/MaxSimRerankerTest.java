package dev.plumbline.engines.rerank;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaxSimRerankerTest {
    @Test
    void matchingTokensScoreHigherAndIdenticalTextScoresOnePerToken() throws Exception {
        try (Reranker r = Rerankers.open(Rerankers.config("maxsim", "maxsim", "rerankers[0]", Map.of("threads", "1")))) {
            double[] s = r.scores("salmon migrate upstream", List.of("Salmon migrate upstream every autumn to spawn.",
                    "The council repaired the footbridge near the harbour.", ""));
            assertTrue(s[0] > s[1], java.util.Arrays.toString(s));
            assertEquals(0.0, s[2], "a candidate without tokens scores nothing");
            // Every query token finds itself: the sum of the best cosines is the number of tokens, up to rounding.
            double self = r.scores("salmon river", List.of("salmon river"))[0];
            assertTrue(self > 1.9 && self < 2.01, "self-similarity " + self);
            assertEquals("minilm-l6", r.details().get("model"));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rerankers.check(
                Rerankers.config("m", "maxsim", "rerankers[0]", Map.of("modle", "x"))));
        assertEquals("rerankers[0].modle: a maxsim reranker has no option 'modle'; it knows backend, cache_mib, depth,"
                + " model, threads", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Rerankers.check(
                Rerankers.config("m", "maxsim", "rerankers[0]", Map.of("cache_mib", "-1"))));
        assertEquals("rerankers[0].cache_mib: must be an integer from 0 to 1048576, got '-1'", e.getMessage());
    }

    /** Queries whose candidate lists overlap (and repeat a text), as the top 100 of SciFact's queries do. */
    static List<List<String>> overlappingLists(int distinct) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < distinct; i++) {
            texts.add("Candidate " + i + " reports that salmon number " + (i * 7 % 13) + " migrated upstream in autumn"
                    + " while the council repaired footbridge " + (i % 5) + " near the harbour and river mouth.");
        }
        List<List<String>> lists = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            List<String> l = new ArrayList<>();
            for (int i = 0; i < distinct; i += 1 + q % 2) {
                l.add(texts.get((i + 3 * q) % distinct));
            }
            l.add(texts.get(q)); // a text twice in one list
            lists.add(l);
        }
        return lists;
    }

    static final List<String> QUERIES = List.of("salmon migrate upstream", "footbridge near the harbour",
            "autumn river mouth", "council repairs");

    @Test
    void theMemoEncodesEachCandidateOnceAndChangesNoScoreEvenWhenItEvicts() throws Exception {
        List<List<String>> lists = overlappingLists(40);
        List<double[]> plain = new ArrayList<>();
        try (Reranker r = Rerankers.open(Rerankers.config("m", "maxsim", "rerankers[0]",
                Map.of("threads", "1", "cache_mib", "0")))) {
            for (int q = 0; q < QUERIES.size(); q++) {
                plain.add(r.scores(QUERIES.get(q), lists.get(q)));
            }
            assertEquals(0, ((MaxSimRerankerProvider.MaxSim) r).memo().size(), "cache_mib 0 keeps nothing");
        }
        // Default budget: every candidate kept; one MiB: about 20 of the 40 (about 40 tokens of 384 floats each).
        for (String mib : new String[] {null, "1"}) {
            Map<String, String> o = new java.util.HashMap<>(Map.of("threads", "1"));
            if (mib != null) {
                o.put("cache_mib", mib);
            }
            try (Reranker r = Rerankers.open(Rerankers.config("m", "maxsim", "rerankers[0]", o))) {
                TokenVectorMemo memo = ((MaxSimRerankerProvider.MaxSim) r).memo();
                for (int round = 0; round < 2; round++) {
                    for (int q = 0; q < QUERIES.size(); q++) {
                        assertArrayEquals(plain.get(q), r.scores(QUERIES.get(q), lists.get(q)), 0,
                                "cache_mib " + mib + ", round " + round + ", query " + q);
                    }
                }
                if (mib == null) {
                    assertEquals(40, memo.size(), "each distinct candidate kept once");
                } else {
                    assertTrue(memo.size() > 5 && memo.size() < 40, "the 1 MiB memo evicted: " + memo.size());
                    assertTrue(memo.bytes() <= 1 << 20, "within its budget: " + memo.bytes());
                }
            }
        }
    }
}
