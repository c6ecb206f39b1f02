package dev.plumbline.metrics.rag.local;

import dev.plumbline.metrics.rag.ClaimVerdict;
import dev.plumbline.metrics.rag.Judgment;
import dev.plumbline.metrics.rag.MetricValue;
import dev.plumbline.metrics.rag.RagInput;
import dev.plumbline.metrics.rag.RagScorer;
import dev.plumbline.metrics.rag.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalJudgeTest {
    private static final String CONTEXT = "The Halden Bridge was opened in 1932 by the engineer Marta Lind. "
            + "It spans the Vesle river and is 412 metres long. The bridge was not damaged in the 1951 flood.";
    /**
     * Fixed parameters, so these tests check the mechanism, not whatever the last refit chose
     * (the shipped file is checked by JudgeFitReproducibleTest).
     */
    private final LocalJudge judge = new LocalJudge(new LocalJudgeParameters(0.6, 0.5, 1.0, 0.5, 0.3));

    private ClaimVerdict check(String claim) {
        return judge.checkClaim(claim, List.of("Unrelated text about apples and pears.", CONTEXT));
    }

    @Test
    void claimSplittingKeepsAbbreviationsAndDecimalsTogether() {
        assertEquals(List.of("Dr. Lind measured 3.5 metres.", "It was built in 1932; it is 412 metres long."),
                ClaimSplitter.sentences("Dr. Lind measured 3.5 metres. It was built in 1932; it is 412 metres long."));
        assertEquals(List.of("It was built in 1932", "it is 412 metres long.", "The river is wide",
                "but the bridge is short."), ClaimSplitter.split(
                "It was built in 1932; it is 412 metres long. The river is wide, but the bridge is short."));
    }

    @Test
    void numbersNormalizeAcrossWritingStyles() {
        assertEquals("1200", Tokenizer.canonicalNumber("1,200"));
        assertEquals("3.5", Tokenizer.canonicalNumber("3.50"));
        assertEquals("12", Tokenizer.tokenize("twelve").get(0).norm());
    }

    @Test
    void faithfulClaimsAreSupportedByTheRightContext() {
        ClaimVerdict v = check("The Halden Bridge opened in 1932.");
        assertEquals(Verdict.YES, v.verdict(), v.reason());
        assertEquals(1, v.supportingContext());
        assertEquals(Verdict.YES, check("The bridge is 412 metres long.").verdict());
    }

    @Test
    void changedNumbersSwappedNamesAndFlippedNegationsAreCaught() {
        ClaimVerdict number = check("The Halden Bridge opened in 1934.");
        assertEquals(Verdict.NO, number.verdict());
        assertTrue(number.reason().contains("1934"), number.reason());
        ClaimVerdict name = check("The Halden Bridge was opened by Erik Moen.");
        assertEquals(Verdict.NO, name.verdict(), name.reason());
        ClaimVerdict negation = check("The bridge was damaged in the 1951 flood.");
        assertEquals(Verdict.NO, negation.verdict(), negation.reason());
        assertTrue(negation.reason().contains("negation"), negation.reason());
    }

    @Test
    void sampleScoresShowTheHallucination() {
        RagInput faithful = new RagInput("s1", "When did the Halden Bridge open?",
                "The Halden Bridge opened in 1932. It is 412 metres long.", List.of(CONTEXT),
                "It opened in 1932.");
        RagInput hallucinated = new RagInput("s2", faithful.question(),
                "The Halden Bridge opened in 1932. It is 512 metres long.", List.of(CONTEXT), faithful.reference());
        Map<String, MetricValue> good = RagScorer.score(faithful, judge.judge(faithful));
        Map<String, MetricValue> bad = RagScorer.score(hallucinated, judge.judge(hallucinated));
        assertEquals(1.0, good.get(RagScorer.FAITHFULNESS).value());
        assertEquals(0.5, bad.get(RagScorer.FAITHFULNESS).value());
        assertEquals(1.0, good.get(RagScorer.CONTEXT_PRECISION).value());
        assertEquals(1.0, good.get(RagScorer.CONTEXT_RECALL).value());
    }

    @Test
    void nonCommittalAnswersHaveZeroRelevanceAndEmptyAnswersAreUndefined() {
        RagInput evasive = new RagInput("s", "When did the bridge open?", "I don't know when the bridge opened.",
                List.of(CONTEXT), null);
        Map<String, MetricValue> m = RagScorer.score(evasive, judge.judge(evasive));
        assertEquals(0.0, m.get(RagScorer.ANSWER_RELEVANCE).value());
        assertEquals(MetricValue.Status.UNDEFINED, m.get(RagScorer.CONTEXT_RECALL).status());
        RagInput empty = new RagInput("e", "q?", "", List.of(CONTEXT), null);
        assertEquals(MetricValue.Status.UNDEFINED,
                RagScorer.score(empty, judge.judge(empty)).get(RagScorer.FAITHFULNESS).status());
    }

    @Test
    void sameInputSameOutputOnAnyThread() {
        RagInput in = new RagInput("s", "Who opened the bridge?", "Marta Lind opened it in 1932, but not in 1951.",
                List.of(CONTEXT, "Other text."), "Marta Lind.");
        Judgment first = judge.judge(in);
        List<Judgment> parallel = IntStream.range(0, 64).parallel().mapToObj(i -> judge.judge(in)).toList();
        for (Judgment j : parallel) {
            assertEquals(first, j);
        }
        assertEquals(64, judge.identity().parametersHash().length());
    }
}
