package dev.plumbline.reports.compare;

import dev.plumbline.reports.Fixtures;
import dev.plumbline.reports.provenance.EngineIdentity;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.StatisticsConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InRunComparisonsTest {
    @Test
    void everyPairOfConfigurationsIsTestedAndTheJudgeIsNotAConfiguration() {
        List<InRunComparison> cs = InRunComparisons.of(Fixtures.withTexts());
        assertEquals(1, cs.size());
        InRunComparison c = cs.getFirst();
        assertEquals("builtin:fixture", c.dataset());
        assertEquals(List.of("bm25", "dense", "hybrid"), c.configurations().stream().map(x -> x.run().engine()).toList());
        assertEquals(List.of("ndcg_cut_10", "recall_100", "latency"), c.metrics().stream().map(MetricInfo::name).toList());
        assertEquals(3 * 3, c.tests().size(), "three pairs × three metrics");
        InRunComparison.PairTest ndcg = c.test(2, 0, "ndcg_cut_10");
        assertEquals(0, ndcg.a());
        assertTrue(ndcg.significant());
        assertEquals(2, ndcg.winner(), "hybrid beats bm25");
        assertTrue(ndcg.ciHigh() < 0, "a − b = bm25 − hybrid is negative");
        // recall_100 is the same per query for every configuration: no difference, never significant.
        InRunComparison.PairTest recall = c.test(0, 1, "recall_100");
        assertEquals(recall.meanA(), recall.meanB());
        assertEquals(-1, recall.winner());
        // Holm across three pairs: the adjusted p is at least the raw one, and at most 3 × it.
        assertTrue(ndcg.pAdjusted() >= ndcg.p() && ndcg.pAdjusted() <= 3 * ndcg.p() + 1e-12);
        // bm25 is faster: on latency (lower is better) it wins against dense.
        assertEquals(0, c.test(0, 1, "latency").winner());
    }

    @Test
    void verdictPutsTheBetterConfigurationFirstAndMarksOnlySignificantWins() {
        Results r = Fixtures.withTexts();
        List<Verdicts.Line> lines = Verdicts.of(r, InRunComparisons.of(r));
        assertEquals(3, lines.size());
        Verdicts.Line first = lines.getFirst();
        assertEquals("dense vs bm25", first.pair());
        assertTrue(first.quality().startsWith("nDCG@10 Δ +0.1532 [+0."), first.quality());
        assertTrue(first.quality().endsWith("(dense better)"), first.quality());
        assertTrue(first.win());
        assertTrue(first.cost().startsWith("queries p50 12.46 vs 3.07 ms (4.0"), first.cost());
        assertTrue(first.cost().endsWith("× slower)"), first.cost());
    }

    @Test
    void identicalConfigurationsGiveNoDifferenceAndNoBold() {
        Results r = twoDatasets(0.5, 0.5, 0.5, 0.5);
        List<Verdicts.Line> lines = Verdicts.of(r, InRunComparisons.of(r));
        assertEquals(2, lines.size(), "one line per dataset");
        for (Verdicts.Line l : lines) {
            assertFalse(l.win());
            assertTrue(l.quality().contains("Δ +0.0000 [+0.0000, +0.0000], p = 1.0000 (no difference)"), l.quality());
            assertTrue(l.pair().endsWith("]"), "the dataset is named when the run has several: " + l.pair());
        }
    }

    @Test
    void leaderboardRanksPerDatasetAndAveragesRanks() {
        // a wins d1, b wins d2, ties nowhere: both have mean rank 1.5; then a tie on d2.
        Leaderboard b = Leaderboard.of(twoDatasets(0.6, 0.4, 0.3, 0.7));
        assertEquals(List.of("d1", "d2"), b.datasets());
        assertEquals(List.of("a", "b"), b.configurations());
        assertEquals(1.5, b.meanRank()[0]);
        assertEquals(1.5, b.meanRank()[1]);
        assertEquals(0.6, b.values()[0][0], 1e-12);
        assertEquals(0.7, b.values()[1][1], 1e-12);
        Leaderboard tie = Leaderboard.of(twoDatasets(0.6, 0.4, 0.5, 0.5));
        assertEquals(List.of("a", "b"), tie.configurations());
        assertEquals(1.25, tie.meanRank()[0], "rank 1 on d1, shared rank 1.5 on d2");
        assertEquals(1.75, tie.meanRank()[1]);
        // A judge-only document (judge --out): its primary metric is the first RAG metric, and judges compared
        // on the same samples are configurations too; without provenance details they form one group.
        Results texts = Fixtures.withTexts();
        Leaderboard judges = Leaderboard.of(Results.of("judge-only", "", StatisticsConfig.DEFAULTS, texts.provenance(),
                List.of(texts.engine("judge-local"))));
        assertEquals(List.of("judge-local"), judges.configurations());
        assertEquals(List.of(""), judges.datasets());
        assertEquals(1.0, judges.meanRank()[0]);
    }

    @Test
    void pairNamesEnginesWhoseNamesDiffer() {
        Results base = Fixtures.baseline();
        Results current = Fixtures.renamed(Fixtures.current(), "renamed", e -> e.equals("dense") ? "dense-v2" : e, i -> i);
        Comparison c = Comparisons.compare(base, current, "b.json", "c.json", 0.05, false, Map.of("dense", "dense-v2"));
        assertEquals(List.of("dense-v2", "bm25", "hybrid"), c.engines().stream().map(EngineComparison::currentEngine).toList());
        assertEquals("dense", c.engines().getFirst().baselineEngine());
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("dense-v2 compared with baseline engine dense (--pair)")),
                c.notes().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Comparisons.compare(base,
                current, "b.json", "c.json", 0.05, false, Map.of("dense", "nope")));
        assertTrue(e.getMessage().startsWith("--pair dense=nope: no engine nope in the current results"), e.getMessage());
    }

    /** Two configurations a and b on datasets d1 and d2, every query at the given value. */
    private static Results twoDatasets(double a1, double b1, double a2, double b2) {
        Provenance host = Fixtures.withTexts().provenance();
        Provenance.Builder p = Provenance.builder().plumbline("t", "c").host(host.jvm(), host.os(), host.hardware())
                .startedAt(host.startedAt()).finishedAt(host.finishedAt()).command(List.of("test"));
        List<EngineRun> runs = List.of(run("d1/a", a1), run("d1/b", b1), run("d2/a", a2), run("d2/b", b2));
        for (EngineRun e : runs) {
            String[] parts = e.engine().split("/");
            p.engine(new EngineIdentity(e.engine(), "", "", "", "", "", Map.of("dataset", parts[0],
                    "configuration", parts[1])));
        }
        return Results.of("two", "ndcg_cut_10", StatisticsConfig.DEFAULTS, p.build(), runs);
    }

    private static EngineRun run(String name, double v) {
        EngineRun.Builder b = EngineRun.builder(name).metric(MetricInfo.score("ndcg_cut_10", "nDCG at 10"));
        for (int i = 0; i < 12; i++) {
            b.item("q" + i).value("ndcg_cut_10", v);
        }
        return b.build();
    }
}
