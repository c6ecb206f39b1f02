package dev.plumbline.metrics.ir;

import dev.plumbline.datasets.trec.Qrels;
import dev.plumbline.datasets.trec.Run;
import dev.plumbline.datasets.trec.TopicQrels;
import dev.plumbline.datasets.trec.TopicRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicRankerTest {
    private static RankedTopic rank(TopicRun run, TopicQrels qrels, EvalParams params) {
        return new TopicRanker().rank(run, qrels, TopicRanker.JudgedLevels.of(qrels, params.relevanceLevel()),
                params, false);
    }

    @Test
    void tiesBreakByDocnoDescendingInByteOrderAndFileOrderNeverMatters() {
        TopicQrels q = TopicQrels.builder("1").add("doc10", 1).add("doc9", 2).add("doc2", 3).add("doc1", 4).build();
        // strcmp descending: doc9 > doc2 > doc10 > doc1.
        TopicRun run = TopicRun.builder("1").add("doc1", 1).add("doc10", 1).add("doc2", 1).add("doc9", 1).build();
        assertArrayEquals(new long[] {2, 3, 1, 4}, rank(run, q, EvalParams.DEFAULTS).rels());
        TopicRun reversed = TopicRun.builder("1").add("doc9", 1).add("doc2", 1).add("doc10", 1).add("doc1", 1).build();
        assertArrayEquals(new long[] {2, 3, 1, 4}, rank(reversed, q, EvalParams.DEFAULTS).rels());
    }

    @Test
    void largeShuffledRankingMatchesAPlainSort() {
        SplittableRandom random = new SplittableRandom(3);
        TopicQrels.Builder qb = TopicQrels.builder("t");
        TopicRun.Builder rb = TopicRun.builder("t");
        int n = 4099;
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextInt(50);
            qb.add("d" + i, i);
            rb.add("d" + i, scores[i]);
        }
        long[] rels = rank(rb.build(), qb.build(), EvalParams.DEFAULTS).rels();
        List<Integer> expected = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(i);
        }
        expected.sort((a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a])
                : dev.plumbline.datasets.trec.ByteOrder.compare("d" + b, "d" + a));
        for (int r = 0; r < n; r++) {
            assertEquals((long) expected.get(r), rels[r], "rank " + r);
        }
    }

    @Test
    void duplicateDocnoInTheRunIsRejectedWithTheTopicAndDocno() {
        Qrels qrels = new Qrels(Map.of("7", TopicQrels.builder("7").add("a", 1).build()));
        Run run = new Run("r", Map.of("7", TopicRun.builder("7").add("a", 2).add("b", 1).add("a", 0.5).build()));
        IrInputException e = assertThrows(IrInputException.class,
                () -> IrEvaluator.of(qrels, List.of("map"), EvalParams.DEFAULTS).evaluate(run));
        assertTrue(e.getMessage().contains("topic 7") && e.getMessage().contains("docno a"), e.getMessage());
        // Under -M 2 the duplicate is out of reach, as in trec_eval.
        IrEvaluator.of(qrels, List.of("map"), EvalParams.DEFAULTS.withMaxDocsPerTopic(2)).evaluate(run);
    }

    @Test
    void relevanceCodesAndCounts() {
        TopicQrels q = TopicQrels.builder("1").add("a", 2).add("b", 0).add("c", -1).add("d", 1).build();
        TopicRun run = TopicRun.builder("1").add("a", 4).add("x", 3).add("c", 2).add("b", 1).build();
        RankedTopic t = rank(run, q, EvalParams.DEFAULTS);
        assertArrayEquals(new long[] {2, RankedTopic.NONPOOL, RankedTopic.UNJUDGED, 0}, t.rels());
        assertEquals(2, t.numRel());
        assertEquals(1, t.numRelRet());
        assertEquals(1, t.numNonpool());
        assertEquals(1, t.numUnjudgedInPool());
        assertArrayEquals(new long[] {1, 1, 1}, t.relLevels());
        RankedTopic judged = rank(run, q, EvalParams.DEFAULTS.withJudgedDocsOnly(true));
        assertArrayEquals(new long[] {2, 0}, judged.rels());
    }

    @Test
    void noOverlapBetweenRunAndQrelsIsAnErrorNamingTheFix() {
        Qrels qrels = new Qrels(Map.of("1", TopicQrels.builder("1").add("a", 1).build()));
        Run run = new Run("r", Map.of("2", TopicRun.builder("2").add("a", 1).build()));
        IrInputException e = assertThrows(IrInputException.class,
                () -> IrEvaluator.of(qrels, List.of("map"), EvalParams.DEFAULTS).evaluate(run));
        assertTrue(e.getMessage().contains("same topic ids"), e.getMessage());
    }
}
