package dev.plumbline.engines.rerank;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

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
        assertEquals("rerankers[0].modle: a maxsim reranker has no option 'modle'; it knows backend, depth, model,"
                + " threads", e.getMessage());
    }
}
