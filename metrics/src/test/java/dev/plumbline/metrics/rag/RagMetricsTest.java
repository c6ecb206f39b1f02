package dev.plumbline.metrics.rag;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RagMetricsTest {
    private static ContextVerdict ctx(int i, Verdict v) {
        return new ContextVerdict(i, v, v == Verdict.YES ? 1 : 0, "");
    }

    private static ClaimVerdict claim(String text, Verdict v) {
        return new ClaimVerdict(text, v, v == Verdict.YES ? 0 : -1, v == Verdict.YES ? 1 : 0, "");
    }

    @Test
    void contextPrecisionMatchesRagasDocumentedExamples() {
        // RAGAS docs: relevant then irrelevant ≈ 1.0; irrelevant then relevant = 0.5.
        assertEquals(1.0, RagMetrics.contextPrecision(List.of(ctx(0, Verdict.YES), ctx(1, Verdict.NO))).value());
        assertEquals(0.5, RagMetrics.contextPrecision(List.of(ctx(0, Verdict.NO), ctx(1, Verdict.YES))).value());
    }

    @Test
    void contextPrecisionWeightsPrecisionAtEachRelevantRank() {
        // v = 1,0,1,1: (1/1 + 2/3 + 3/4) / 3
        List<ContextVerdict> c = List.of(ctx(0, Verdict.YES), ctx(1, Verdict.NO), ctx(2, Verdict.YES), ctx(3, Verdict.YES));
        assertEquals((1 + 2 / 3.0 + 3 / 4.0) / 3, RagMetrics.contextPrecision(c).value(), 1e-15);
        assertEquals(0.0, RagMetrics.contextPrecision(List.of(ctx(0, Verdict.NO))).value());
    }

    @Test
    void idBasedVariantsUseQrels() {
        assertEquals(0.5, RagMetrics.contextPrecisionById(List.of("d9", "d1"), Set.of("d1", "d2")).value());
        assertEquals(0.5, RagMetrics.contextRecallById(List.of("d9", "d1", "d1"), Set.of("d1", "d2")).value());
        assertEquals(MetricValue.Status.UNDEFINED, RagMetrics.contextRecallById(List.of("d1"), Set.of()).status());
    }

    @Test
    void faithfulnessIsSupportedOverClaimsAndUndefinedWithoutClaims() {
        assertEquals(2 / 3.0, RagMetrics.faithfulness(List.of(claim("a", Verdict.YES), claim("b", Verdict.NO),
                claim("c", Verdict.YES))).value(), 1e-15);
        MetricValue none = RagMetrics.faithfulness(List.of());
        assertTrue(Double.isNaN(none.value()));
        assertEquals(MetricValue.Status.UNDEFINED, none.status());
    }

    @Test
    void aFailedVerdictFailsTheMetricInsteadOfVanishing() {
        MetricValue f = RagMetrics.faithfulness(List.of(claim("a", Verdict.YES), claim("b", Verdict.FAILED)));
        assertEquals(MetricValue.Status.FAILED, f.status());
        assertTrue(Double.isNaN(f.value()));
        assertEquals(MetricValue.Status.FAILED,
                RagMetrics.contextPrecision(List.of(ctx(0, Verdict.FAILED))).status());
        assertEquals(MetricValue.Status.FAILED, RagMetrics.contextRecall(List.of(claim("x", Verdict.FAILED))).status());
    }

    @Test
    void answerRelevanceZeroesNonCommittalAnswers() {
        assertEquals(0.8, RagMetrics.answerRelevance(0.8, false).value());
        assertEquals(0.0, RagMetrics.answerRelevance(0.8, true).value());
        assertEquals(MetricValue.Status.FAILED, RagMetrics.answerRelevance(Double.NaN, false).status());
    }
}
