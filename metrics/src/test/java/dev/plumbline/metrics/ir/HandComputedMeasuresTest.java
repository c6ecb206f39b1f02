package dev.plumbline.metrics.ir;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Measure values worked out by hand on {@link Fixtures}, independent of trec_eval's outputs. */
class HandComputedMeasuresTest {
    private static final double EXACT = 1e-12;

    private static IrResults evaluate(String... measures) {
        return IrEvaluator.of(Fixtures.qrels(), List.of(measures), EvalParams.DEFAULTS).evaluate(Fixtures.run());
    }

    @Test
    void topicsAreQrelsTopicsPresentInTheRun() {
        assertEquals(List.of("q1", "q2", "q3"), evaluate("map").topics());
    }

    @Test
    void precisionAtFiveCountsMissingRanksAsNonRelevant() {
        // q1: a01, a02, i03 relevant in the top 5; q2: s11; q3: none.
        assertArrayEquals(new double[] {3 / 5.0, 1 / 5.0, 0}, evaluate("P.5").column("P_5"), EXACT);
    }

    @Test
    void averagePrecisionDividesByAllRelevantDocuments() {
        double q1 = (1 / 1.0 + 2 / 3.0 + 3 / 5.0) / 3;
        double q2 = (1 / 2.0) / 2;
        IrResults r = evaluate("map");
        assertArrayEquals(new double[] {q1, q2, 0}, r.column("map"), EXACT);
        assertEquals((q1 + q2 + 0) / 3, r.summary("map"), EXACT);
    }

    @Test
    void reciprocalRankAndRPrecision() {
        IrResults r = evaluate("recip_rank", "Rprec");
        assertArrayEquals(new double[] {1, 0.5, 0}, r.column("recip_rank"), EXACT);
        // q1: R = 3, top 3 = a01, n04, a02 -> 2/3. q2: R = 2, top 2 = s14, s11 -> 1/2.
        assertArrayEquals(new double[] {2 / 3.0, 0.5, 0}, r.column("Rprec"), EXACT);
    }

    @Test
    void bprefSkipsUnjudgedDocuments() {
        // q1: judged non-relevant N = 1 (a07). a01 and a02 come before it (1 each), i03 after it
        // (1 - min(1, 3) / min(1, 3) = 0) -> 2/3. q2: s14 is non-relevant before s11 -> 0; c02 unretrieved.
        assertArrayEquals(new double[] {2 / 3.0, 0, 0}, evaluate("bpref").column("bpref"), EXACT);
    }

    @Test
    void ndcgUsesGradesAsGainsAndTheFullIdealRanking() {
        double log2 = Math.log(2);
        double dcg1 = 2 + 1 / (Math.log(4) / log2) + 1 / (Math.log(6) / log2);
        double ideal1 = 2 + 1 / (Math.log(3) / log2) + 1 / (Math.log(4) / log2);
        double dcg2 = 2 / (Math.log(3) / log2);
        double ideal2 = 2 + 1 / (Math.log(3) / log2);
        assertArrayEquals(new double[] {dcg1 / ideal1, dcg2 / ideal2, 0}, evaluate("ndcg").column("ndcg"), 1e-9);
    }

    @Test
    void countsSumOverTopics() {
        IrResults r = evaluate("num_ret", "num_rel", "num_rel_ret", "num_q");
        assertEquals(12, r.summary("num_ret"));
        assertEquals(5, r.summary("num_rel"));
        assertEquals(4, r.summary("num_rel_ret"));
        assertEquals(3, r.summary("num_q"));
    }

    @Test
    void cutoffAndLevelOptions() {
        IrResults strict = IrEvaluator.of(Fixtures.qrels(), List.of("P.5"), EvalParams.DEFAULTS.withRelevanceLevel(2))
                .evaluate(Fixtures.run());
        assertArrayEquals(new double[] {1 / 5.0, 1 / 5.0, 0}, strict.column("P_5"), EXACT);
        IrResults top2 = IrEvaluator.of(Fixtures.qrels(), List.of("num_ret"), EvalParams.DEFAULTS.withMaxDocsPerTopic(2))
                .evaluate(Fixtures.run());
        assertEquals(6, top2.summary("num_ret"));
        IrResults judged = IrEvaluator.of(Fixtures.qrels(), List.of("P.2"), EvalParams.DEFAULTS.withJudgedDocsOnly(true))
                .evaluate(Fixtures.run());
        // -J drops n04, so q1's top 2 are a01, a02.
        assertEquals(1.0, judged.column("P_2")[0], EXACT);
    }
}
