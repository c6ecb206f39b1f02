package dev.plumbline.metrics.rag.local;

import dev.plumbline.metrics.rag.ClaimVerdict;
import dev.plumbline.metrics.rag.Judgment;
import dev.plumbline.metrics.rag.RagInput;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedding mode's mechanism, with a toy embedder (the real model is checked in the harness). */
class LocalJudgeEmbeddingModeTest {
    private static final String CONTEXT = "The Halden Bridge was opened in 1932 by the engineer Marta Lind. "
            + "It spans the Vesle river and is 412 metres long.";
    private static final LocalJudgeParameters PARAMS =
            new LocalJudgeParameters(0.6, 0.5, 1.0, 0.5, 0.3, 0.5, "hashing-64");

    private final HashingEmbedder embedder = new HashingEmbedder();
    private final LocalJudge judge = new LocalJudge(PARAMS, embedder);

    @Test
    void supportMixesCoverageWithTheBestSentenceSimilarity() {
        String claim = "The Vesle river is spanned by a bridge 412 metres long.";
        ClaimVerdict v = judge.checkClaim(claim, List.of(CONTEXT));
        Grounding g = Grounding.check(claim, CONTEXT);
        float[][] e = embedder.embed(List.of(claim, "It spans the Vesle river and is 412 metres long."));
        double cos = 0;
        for (int i = 0; i < e[0].length; i++) {
            cos += (double) e[0][i] * e[1][i];
        }
        assertEquals(Math.min(1, 0.5 * g.coverage() + 0.5 * Math.max(g.coverage(), cos)), v.score(), 1e-12);
        assertTrue(v.reason().contains("similarity") && v.reason().contains("context sentence 2"), v.reason());
    }

    @Test
    void answerRelevanceIsTheEmbeddingCosineOfQuestionAndAnswer() {
        RagInput in = new RagInput("s", "How long is the Halden Bridge?", "The Halden Bridge is 412 metres long.",
                List.of(CONTEXT), null);
        float[][] e = embedder.embed(List.of(in.question(), in.answer()));
        double cos = 0;
        for (int i = 0; i < e[0].length; i++) {
            cos += (double) e[0][i] * e[1][i];
        }
        assertEquals(cos, judge.judge(in).answerSimilarity(), 1e-12);
        assertNotEquals(LocalJudge.lexicalCosine(in.question(), in.answer()), cos);
    }

    @Test
    void judgingManyAtOnceEqualsJudgingEachAloneAndEmbedsOncePerWindow() {
        List<RagInput> inputs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            inputs.add(new RagInput("s" + i, "When did the Halden Bridge open?",
                    "The Halden Bridge opened in " + (1930 + i % 5) + ". It was built by Marta Lind.",
                    List.of(CONTEXT, "Unrelated text about apples."), i % 2 == 0 ? "It opened in 1932." : null));
        }
        int before = embedder.calls.get();
        List<Judgment> all = judge.judgeAll(inputs);
        assertEquals(1, embedder.calls.get() - before);
        LocalJudge fresh = new LocalJudge(PARAMS, new HashingEmbedder());
        for (int i = 0; i < inputs.size(); i++) {
            assertEquals(fresh.judge(inputs.get(i)), all.get(i), "sample " + i);
            assertEquals(judge.judge(inputs.get(i)), all.get(i), "sample " + i + ", vectors from the memo");
        }
        // Everything was kept: judging again encodes nothing.
        int calls = embedder.calls.get();
        assertEquals(all, judge.judgeAll(inputs));
        assertEquals(calls, embedder.calls.get());
    }

    @Test
    void embeddingParametersNeedAnEmbedderAndLexicalOnesRefuseOne() {
        assertThrows(IllegalArgumentException.class, () -> new LocalJudge(PARAMS));
        assertThrows(IllegalArgumentException.class,
                () -> new LocalJudge(new LocalJudgeParameters(0.6, 0.5, 1, 0.5, 0.3), embedder));
        assertThrows(IllegalArgumentException.class,
                () -> new LocalJudgeParameters(0.6, 0.5, 1, 0.5, 0.3, 0.5, LocalJudgeParameters.NO_MODEL));
        assertEquals("local", judge.identity().name());
        assertEquals("hashing-64", judge.identity().model());
        assertEquals("local-lexical", LocalJudge.lexical().identity().name());
    }

    @Test
    void parametersRoundTripThroughTheirPropertiesText() {
        assertEquals(PARAMS, LocalJudgeParameters.parse("# comment\n" + PARAMS.toProperties(), "test"));
        assertTrue(LocalJudgeParameters.embedding().usesEmbeddings());
        assertTrue(!LocalJudgeParameters.lexical().usesEmbeddings());
    }

    @Test
    void sentencesGluedWithoutASpaceAreSplit() {
        assertEquals(List.of("It was published in the 19th century.", "First for Women is a magazine."),
                ClaimSplitter.sentences("It was published in the 19th century.First for Women is a magazine."));
        assertEquals(List.of("She holds a Ph.D from the U.S.A today."),
                ClaimSplitter.sentences("She holds a Ph.D from the U.S.A today."));
    }
}
