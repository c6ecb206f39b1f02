package dev.plumbline.metrics.rag.local;

import dev.plumbline.metrics.rag.ClaimVerdict;
import dev.plumbline.metrics.rag.Judgment;
import dev.plumbline.metrics.rag.RagInput;
import dev.plumbline.metrics.rag.RagMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LocalJudge#checkClaim} in embedding mode takes any text as the claim, split or not. */
class CheckClaimTest {
    private static final String CONTEXT = "The Halden Bridge opened in 1932. It is 412 metres long.";

    private final LocalJudge judge = new LocalJudge(
            new LocalJudgeParameters(0.6, 0.5, 1.0, 0.5, 0.3, 0.5, "hashing-64"), new HashingEmbedder());

    @Test
    void claimsThatTheSplitterWouldChangeAreStillChecked() {
        for (String claim : List.of("  The bridge opened in 1932.  ", "It opened in 1932; it is long.", "the of and")) {
            ClaimVerdict v = judge.checkClaim(claim, List.of(CONTEXT));
            assertEquals(claim, v.claim());
            assertTrue(v.score() >= 0 && v.score() <= 1, v.toString());
        }
    }

    @Test
    void answerRelevanceOfIdenticalQuestionAndAnswerIsExactlyOne() {
        RagInput in = new RagInput("s", "How long is the Halden Bridge?", "How long is the Halden Bridge?",
                List.of(CONTEXT), null);
        for (LocalJudge j : List.of(judge, LocalJudge.lexical())) {
            Judgment judgment = j.judge(in);
            assertEquals(1.0, judgment.answerSimilarity(), j.toString());
            assertEquals(1.0, RagMetrics.answerRelevance(judgment.answerSimilarity(), judgment.noncommittal()).value());
        }
    }
}
