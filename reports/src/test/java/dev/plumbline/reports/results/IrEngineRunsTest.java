package dev.plumbline.reports.results;

import dev.plumbline.datasets.trec.Qrels;
import dev.plumbline.datasets.trec.Run;
import dev.plumbline.datasets.trec.TopicQrels;
import dev.plumbline.datasets.trec.TopicRun;
import dev.plumbline.metrics.ir.EvalParams;
import dev.plumbline.metrics.ir.IrEvaluator;
import dev.plumbline.metrics.ir.IrResults;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IrEngineRunsTest {
    static Qrels qrels() {
        Map<String, TopicQrels> m = new LinkedHashMap<>();
        m.put("q1", TopicQrels.builder("q1").add("a01", 2).add("a02", 1).add("a07", 0).add("i03", 1).build());
        m.put("q2", TopicQrels.builder("q2").add("s11", 2).add("s14", 0).add("c02", 1).build());
        m.put("q3", TopicQrels.builder("q3").add("v05", 0).add("v08", 0).build());
        return new Qrels(m);
    }

    static Run run() {
        Map<String, TopicRun> m = new LinkedHashMap<>();
        m.put("q1", TopicRun.builder("q1").add("a01", 0.8).add("n04", 0.77).add("a02", 0.77).add("a07", 0.65).build());
        m.put("q2", TopicRun.builder("q2").add("s14", 0.9).add("s11", 0.88).build());
        m.put("q3", TopicRun.builder("q3").add("v05", 0.7).build());
        return new Run("example", m);
    }

    @Test
    void perTopicMeansEqualTrecEvalSummariesBitForBit() {
        IrResults ir = IrEvaluator.of(qrels(), List.of("all_trec"), EvalParams.DEFAULTS).evaluate(run());
        EngineRun e = IrEngineRuns.from(ir, "example", run(), qrels());
        Results r = Results.of("t", "", dev.plumbline.reports.results.StatisticsConfig.DEFAULTS,
                dev.plumbline.reports.provenance.Provenance.builder().plumbline("v", "c").currentHost()
                        .startedAt(java.time.Instant.EPOCH).finishedAt(java.time.Instant.EPOCH).build(), List.of(e));
        for (String name : List.of("map", "ndcg_cut_10", "P_5", "recip_rank", "bpref", "iprec_at_recall_0.50")) {
            assertEquals(ir.summary(name), r.aggregate("example", name).mean(), 0.0, name);
        }
        assertEquals(List.of("q1", "q2", "q3"), e.itemIds());
        assertEquals(3.0, e.runValues().get("num_q"));
        assertEquals(ir.summary("gm_map"), e.runValues().get("gm_map"));
        assertNull(e.metric("runid"));
        assertNull(e.metric("relstring"));
        assertEquals(Direction.NEUTRAL, e.metric("num_ret").info().direction());
        assertEquals(Direction.HIGHER_IS_BETTER, e.metric("ndcg_cut_10").info().direction());
        assertEquals("Number of relevant documents retrieved for topic", e.metric("num_rel_ret").info().description());
        assertTrue(e.metric("map_cut_10").info().description().startsWith("Mean average precision at cutoffs"));
    }

    @Test
    void evidenceListsTheRankingAndMissedRelevantDocuments() {
        IrResults ir = IrEvaluator.of(qrels(), List.of("map"), EvalParams.DEFAULTS).evaluate(run());
        EngineRun e = IrEngineRuns.from(ir, "example", run(), qrels());
        Map<String, Object> q1 = e.evidence(0);
        List<?> retrieved = (List<?>) q1.get("retrieved");
        // Ties at 0.77 break by docno descending: n04 before a02.
        assertEquals("a01", ((Map<?, ?>) retrieved.get(0)).get("docno"));
        assertEquals("n04", ((Map<?, ?>) retrieved.get(1)).get("docno"));
        assertEquals("unjudged", ((Map<?, ?>) retrieved.get(1)).get("relevance"));
        assertEquals(2L, ((Map<?, ?>) retrieved.get(0)).get("relevance"));
        List<?> missed = (List<?>) q1.get("relevantNotInTop10");
        assertEquals("i03", ((Map<?, ?>) missed.get(0)).get("docno"));
        assertFalse(IrEngineRuns.from(ir, "x").evidence(0).containsKey("retrieved"));
    }
}
