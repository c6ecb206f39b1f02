package dev.plumbline.reports.gate;

import dev.plumbline.reports.Fixtures;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsFormatException;
import dev.plumbline.reports.results.StatisticsConfig;
import dev.plumbline.reports.stats.SplitMix64;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateTest {
    static GateRules rules(String yaml) {
        return GateRulesParser.parse(Path.of("gates.yaml"), yaml);
    }

    static GateOutcome gate(String yaml, Results baseline, Results current) {
        return Gate.evaluate(rules(yaml), baseline, "b.json", current, "c.json");
    }

    static Verdict verdict(GateOutcome o, String engine) {
        return o.verdicts().stream().filter(v -> v.engine().equals(engine)).findFirst().orElseThrow();
    }

    @Test
    void degradedRunFailsMaxDropWithExitOneAndAReadableExplanation() {
        GateOutcome o = gate("ndcg_cut.10: max_drop 0.05\n", Fixtures.baseline(), Fixtures.current());
        assertFalse(o.passed());
        assertEquals(1, o.exitCode());
        Verdict bm25 = verdict(o, "bm25");
        assertEquals(Verdict.Status.FAIL, bm25.status());
        assertEquals("ndcg_cut_10 mean dropped: 0.4386 → 0.3275 (-0.1111), more than the allowed drop of 0.05",
                bm25.message());
        assertEquals(Verdict.Status.PASS, verdict(o, "hybrid").status());
    }

    @Test
    void sameRunsPass() {
        GateOutcome o = gate("ndcg_cut.10: max_drop 0\nlatency.p99: max_increase 0%\nfaithfulness: min 0.8\n",
                Fixtures.baseline(), Fixtures.baseline());
        assertTrue(o.passed(), o.verdicts().toString());
        assertEquals(0, o.exitCode());
    }

    @Test
    void anUndefinedOrFailedItemNeverPassesFailedItemsMaxZero() {
        // Property over many random runs: whenever any item has an undefined or failed value, the rule fails.
        SplitMix64 rnd = new SplitMix64(99);
        for (int trial = 0; trial < 300; trial++) {
            EngineRun.Builder b = EngineRun.builder("e").metric(MetricInfo.score("a", "")).metric(MetricInfo.score("b", ""));
            int items = 1 + rnd.nextInt(20);
            boolean anyProblem = false;
            for (int i = 0; i < items; i++) {
                EngineRun.ItemBuilder it = b.item("q" + i);
                for (String m : List.of("a", "b")) {
                    int kind = rnd.nextInt(20);
                    if (kind == 0) {
                        it.undefined(m);
                        anyProblem = true;
                    } else if (kind == 1) {
                        it.failed(m, "boom");
                        anyProblem = true;
                    } else if (kind == 2) {
                        it.value(m, Double.NaN);
                        anyProblem = true;
                    } else {
                        it.value(m, rnd.nextInt(1000) / 1000.0);
                    }
                }
            }
            Results r = results(b.build());
            GateOutcome o = gate("failed_items: max 0\n", null, r);
            assertEquals(anyProblem, !o.passed(), "trial " + trial + ": " + o.verdicts());
        }
    }

    @Test
    void failedItemsMessageNamesTheItemsAndReasons() {
        GateOutcome o = gate("failed_items: max 0\n", null, Fixtures.current());
        Verdict dense = verdict(o, "dense");
        assertEquals(Verdict.Status.FAIL, dense.status());
        assertEquals("2 items have a failed or undefined value, more than the maximum 0: q07 (faithfulness undefined),"
                + " q12 (faithfulness failed: judge call failed: HTTP 503 after 3 attempts)", dense.message());
    }

    @Test
    void significantRulePassesWhenTheDropIsNoise() {
        // dense's recall drops by 0.013, more than 0.01, but the paired test cannot tell it from noise.
        GateOutcome plain = gate("recall.100: max_drop 0.01\n", Fixtures.baseline(), Fixtures.current());
        assertEquals(Verdict.Status.FAIL, verdict(plain, "dense").status());
        GateOutcome sig = gate("recall.100:\n  max_drop: 0.01\n  significant: true\n", Fixtures.baseline(),
                Fixtures.current());
        Verdict dense = verdict(sig, "dense");
        assertEquals(Verdict.Status.PASS, dense.status(), dense.message());
        assertTrue(dense.message().contains("but the change is not significant"), dense.message());
        assertTrue(dense.pAdjusted() >= dense.p());
    }

    @Test
    void significantRuleFailsOnARealDrop() {
        GateOutcome o = gate("ndcg_cut.10:\n  max_drop: 0.01\n  significant: true\n", Fixtures.baseline(),
                Fixtures.current());
        Verdict bm25 = verdict(o, "bm25");
        assertEquals(Verdict.Status.FAIL, bm25.status(), bm25.message());
        assertTrue(bm25.message().contains("the change is significant"), bm25.message());
    }

    @Test
    void latencyRulesSayWhenHardwareDiffers() {
        GateOutcome o = gate("latency.p50: max_increase 50%\n", Fixtures.baseline(), Fixtures.currentOnOtherHardware());
        Verdict bm25 = verdict(o, "bm25");
        assertEquals(1, bm25.notes().size());
        assertTrue(bm25.notes().getFirst().startsWith("timings come from different hardware (baseline: Fixture CPU 9000"
                + " (8 CPUs, 16 GiB); current: Other CPU 1 (4 CPUs, 16 GiB))"), bm25.notes().getFirst());
        assertTrue(o.notes().stream().anyMatch(n -> n.startsWith("timings come from different hardware")));
        GateOutcome same = gate("latency.p50: max_increase 50%\n", Fixtures.baseline(), Fixtures.current());
        assertTrue(verdict(same, "bm25").notes().isEmpty());
        GateOutcome quality = gate("ndcg_cut.10: max_drop 1\n", Fixtures.baseline(), Fixtures.currentOnOtherHardware());
        assertTrue(quality.notes().isEmpty(), "hardware matters for timings only");
    }

    @Test
    void relativeIncreaseOnPercentiles() {
        GateOutcome o = gate("latency.p50: max_increase 10%\n", Fixtures.baseline(), Fixtures.current());
        Verdict bm25 = verdict(o, "bm25");
        assertEquals(Verdict.Status.FAIL, bm25.status(), bm25.message());
        assertTrue(bm25.message().startsWith("latency p50 rose: "), bm25.message());
        assertTrue(bm25.message().contains("more than the allowed increase of 10%"), bm25.message());
    }

    @Test
    void unknownSubjectIsBadInputNamingTheLineAndTheMetrics() {
        ResultsFormatException e = assertThrows(ResultsFormatException.class,
                () -> gate("ndcg_cut.10: max_drop 0.1\nbleu: max_drop 0.1\n", Fixtures.baseline(), Fixtures.current()));
        assertTrue(e.getMessage().startsWith("gates.yaml:2: no metric 'bleu' in the results; use failed_items,"),
                e.getMessage());
        assertTrue(e.getMessage().contains("ndcg_cut_10"), e.getMessage());
    }

    @Test
    void otherSpellingsAndTyposGetOneSuggestionInsteadOfTheList() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("ndcg@10", "ndcg_cut.10");
        expected.put("NDCG@10", "ndcg_cut.10");
        expected.put("recall@100", "recall.100");
        expected.put("R@100", "recall.100");
        expected.put("ndgc_cut.10", "ndcg_cut.10");
        expected.put("faithfullness", "faithfulness");
        expected.put("failed_item", "failed_items");
        for (Map.Entry<String, String> x : expected.entrySet()) {
            ResultsFormatException e = assertThrows(ResultsFormatException.class,
                    () -> gate(x.getKey() + ": max_drop 0.1\n", Fixtures.baseline(), Fixtures.current()));
            assertEquals("gates.yaml:1: no metric '" + x.getKey() + "' in the results; did you mean " + x.getValue() + "?",
                    e.getMessage());
        }
        // MRR is recip_rank, but these results have none: no suggestion that would fail again.
        ResultsFormatException mrr = assertThrows(ResultsFormatException.class,
                () -> gate("MRR@10: max_drop 0.1\n", Fixtures.baseline(), Fixtures.current()));
        assertTrue(mrr.getMessage().contains("use failed_items"), mrr.getMessage());
    }

    @Test
    void comparingRulesNeedABaseline() {
        ResultsFormatException e = assertThrows(ResultsFormatException.class,
                () -> gate("faithfulness: min 0.5\nndcg_cut.10: max_drop 0.1\n", null, Fixtures.current()));
        assertEquals("gates.yaml:2: ndcg_cut.10: max_drop compares with a baseline; pass --baseline BASELINE.json",
                e.getMessage());
    }

    @Test
    void statisticSuffixesAndRunValuesResolve() {
        GateOutcome o = gate("num_ret.sum: min 3000\nnum_q: min 30\nndcg_cut_10.max: max 1\n", null, Fixtures.current());
        assertTrue(o.passed(), o.verdicts().toString());
        assertEquals(3000.0, verdict(o, "bm25").current());
    }

    @Test
    void engineMissingFromCurrentFailsAndNewEngineIsSkipped() {
        Results base = Fixtures.baseline();
        Results cur = Fixtures.current();
        Results onlyTwo = Results.of("c", "ndcg_cut_10", StatisticsConfig.DEFAULTS, cur.provenance(),
                List.of(cur.engine("bm25"), cur.engine("dense")));
        GateOutcome o = gate("ndcg_cut.10: max_drop 1\n", base, onlyTwo);
        Verdict hybrid = verdict(o, "hybrid");
        assertEquals(Verdict.Status.FAIL, hybrid.status());
        assertEquals("engine hybrid is in the baseline but missing from the current results", hybrid.message());
        Results baseTwo = Results.of("b", "ndcg_cut_10", StatisticsConfig.DEFAULTS, base.provenance(),
                List.of(base.engine("bm25"), base.engine("dense")));
        GateOutcome extra = gate("ndcg_cut.10: max_drop 1\n", baseTwo, cur);
        assertEquals(Verdict.Status.SKIPPED, verdict(extra, "hybrid").status());
        assertTrue(extra.passed());
    }

    @Test
    void undefinedMeanFails() {
        EngineRun.Builder b = EngineRun.builder("e").metric(MetricInfo.score("a", ""));
        b.item("q1").undefined("a");
        GateOutcome o = gate("a: min 0\n", null, results(b.build()));
        assertEquals(Verdict.Status.FAIL, o.verdicts().getFirst().status());
        assertTrue(o.verdicts().getFirst().message().startsWith("a mean is undefined in the current run"));
    }

    static Results results(EngineRun e) {
        Provenance p = Provenance.builder().plumbline("v", "c").currentHost().startedAt(Instant.EPOCH)
                .finishedAt(Instant.EPOCH).build();
        return Results.of("r", "", new StatisticsConfig(1, 50, 0.95, 100), p, List.of(e));
    }
}
