package dev.plumbline.metrics.rag.cross;

import dev.plumbline.metrics.rag.ClaimVerdict;
import dev.plumbline.metrics.rag.Judgment;
import dev.plumbline.metrics.rag.RagInput;
import dev.plumbline.metrics.rag.Verdict;
import dev.plumbline.metrics.rag.local.LocalJudge;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cross judge with a stand-in scorer: support comes from the scorer alone, the rest from the lexical judge. */
class CrossJudgeTest {
    /** Supports a pair when the context contains the claim's last word; counts its calls. */
    static final class LastWordScorer implements SupportScorer {
        final List<Integer> callSizes = new ArrayList<>();
        boolean closed;

        @Override
        public String identity() {
            return "last-word";
        }

        @Override
        public List<Support> support(List<String> firsts, List<String> contexts) {
            callSizes.add(firsts.size());
            List<Support> out = new ArrayList<>();
            for (int i = 0; i < firsts.size(); i++) {
                String[] words = firsts.get(i).replaceAll("[^A-Za-z0-9 ]", "").split(" ");
                boolean has = contexts.get(i).contains(words[words.length - 1]);
                out.add(new Support(has ? 0.9 : 0.2, contexts.get(i)));
            }
            return out;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void claimSupportIsTheScorersBestContextAndTheRestIsTheLexicalJudges() {
        LastWordScorer scorer = new LastWordScorer();
        RagInput in = new RagInput("s1", "Where was Ada born?", "Ada was born in London. She moved to Paris.",
                List.of("Ada lived in Rome.", "Ada was born in London in 1815."), null);
        Judgment got;
        try (CrossJudge judge = new CrossJudge(scorer, 0.5, "hash")) {
            got = judge.judge(in);
            assertEquals("local-cross", judge.identity().name());
            assertEquals("last-word", judge.identity().model());
        }
        assertTrue(scorer.closed, "the judge closes its scorer");
        List<ClaimVerdict> claims = got.answerClaims();
        assertEquals(2, claims.size());
        assertEquals(Verdict.YES, claims.get(0).verdict());
        assertEquals(1, claims.get(0).supportingContext(), "London is in the second context");
        assertEquals(0.9, claims.get(0).score());
        assertEquals("Ada was born in London in 1815.", claims.get(0).evidence());
        assertEquals(Verdict.NO, claims.get(1).verdict(), "Paris is in no context");
        assertEquals(-1, claims.get(1).supportingContext());
        assertEquals(0.2, claims.get(1).score());
        Judgment lexical = LocalJudge.lexical().judge(in);
        assertEquals(lexical.contexts(), got.contexts(), "context relevance is the lexical judge's");
        assertEquals(lexical.answerSimilarity(), got.answerSimilarity());
    }

    @Test
    void judgingManyEqualsJudgingEachAloneInOneScorerCallPerWindow() {
        List<RagInput> inputs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            inputs.add(new RagInput("s" + i, i % 3 == 0 ? "" : "Question " + i + "?", "The value is " + (i % 7) + ".",
                    List.of("The value is 3.", "Nothing here " + i + "."), null));
        }
        LastWordScorer scorer = new LastWordScorer();
        List<Judgment> all;
        try (CrossJudge judge = new CrossJudge(scorer, 0.5, "hash")) {
            all = judge.judgeAll(inputs);
            assertEquals(1, scorer.callSizes.size(), "one call for the window");
            for (int i = 0; i < inputs.size(); i++) {
                assertEquals(all.get(i), judge.judge(inputs.get(i)), "sample " + i);
            }
        }
    }

    @Test
    void theQuestionLeadsTheFirstSegmentAndTheThresholdIsChecked() {
        assertEquals("Who? Ada.", CrossJudge.firstSegment(" Who? ", "Ada."));
        assertEquals("Ada.", CrossJudge.firstSegment(null, "Ada."));
        assertEquals("Ada.", CrossJudge.firstSegment("  ", "Ada."));
        assertThrows(IllegalArgumentException.class, () -> new CrossJudge(new LastWordScorer(), 1.0, "h"));
    }

    @Test
    void aSampleWithoutContextsHasNoSupport() {
        try (CrossJudge judge = new CrossJudge(new LastWordScorer(), 0.5, "hash")) {
            Judgment j = judge.judge(new RagInput("s", "q?", "Ada was born in London.", List.of(), null));
            assertEquals(Verdict.NO, j.answerClaims().get(0).verdict());
        }
    }
}
