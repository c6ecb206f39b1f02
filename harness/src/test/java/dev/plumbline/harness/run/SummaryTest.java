package dev.plumbline.harness.run;

import dev.plumbline.reports.provenance.EngineIdentity;
import dev.plumbline.reports.provenance.Hardware;
import dev.plumbline.reports.provenance.JvmInfo;
import dev.plumbline.reports.provenance.OsInfo;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.StatisticsConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The terminal summary says what was timed and where, gives every figure a unit, shows a memory
 * figure for every engine that ran (exact, or {@code ~} for measured resident-set growth), says
 * "cached" instead of a speed it did not measure, and gives the process peak once.
 */
class SummaryTest {
    private static final double MIB = 1 << 20;

    @Test
    void retrievalTableNamesMachineThreadsUnitsAndEveryEnginesMemory() {
        String out = print(List.of(
                retrieval("simd/minilm-l6", false, Map.of("memory.weight_bytes", 86.0 * MIB,
                        "memory.scratch_bytes", 4.0 * MIB)),
                retrieval("onnxruntime/minilm-l6", true, Map.of("memory.weight_bytes", Double.NaN,
                        "memory.native_rss_growth_bytes", 150.25 * MIB))));
        String[] lines = out.split("\n");
        // The verdict first: both engines rank alike here, so no difference and nothing bold.
        assertTrue(lines[0].startsWith("verdict: simd/minilm-l6 vs onnxruntime/minilm-l6: nDCG@10 Δ +0.0000"
                + " [+0.0000, +0.0000], p = 1.0000 (no difference)"), lines[0]);
        int table = 0;
        while (!lines[table].startsWith("Retrieval on")) {
            table++;
        }
        assertEquals("", lines[table - 1], "a blank line between the verdict and the tables");
        lines = java.util.Arrays.copyOfRange(lines, table, lines.length);
        assertTrue(lines[0].startsWith("Retrieval on AMD EPYC 9R14 (2 CPUs, 8 GiB), timed after warm-up (200 texts"),
                lines[0]);
        assertTrue(lines[0].contains("query ms is one query per call, encoding + search"), lines[0]);
        List<String> header = List.of(lines[1].split("\\s{2,}"));
        assertEquals(List.of("retrieval", "threads", "queries", "nDCG@10", "R@100", "MRR", "docs/s", "tok/s",
                "query p50 ms", "query p99 ms", "search p50 ms", "index MiB", "engine MiB", "heap MiB", "RSS+ MiB"),
                header);
        List<String> simd = List.of(lines[2].split("\\s+"));
        assertEquals(List.of("simd/minilm-l6", "2", "3", "0.5000", "0.7500", "1.0000", "120", "4800", "3.10",
                "9.00", "0.020", "0.4", "90.0", "300", "250"), simd);
        List<String> ort = List.of(lines[3].split("\\s+"));
        assertEquals("cached", ort.get(6), "no speed it did not measure: " + lines[3]);
        assertEquals("cached", ort.get(7));
        assertEquals("~150.3", ort.get(12), "measured, marked as such: " + lines[3]);
        assertTrue(out.contains("\ncached: the corpus vectors came from the embedding cache"), out);
        assertTrue(out.contains("~ marks resident-set growth across the engine's creation and first batch"), out);
        assertTrue(out.contains("\nprocess peak RSS (VmHWM): 1381 MiB\n"), out);
        assertFalse(out.contains(" - "), "every figure is defined here: " + out);
    }

    @Test
    void noCacheNoteWhenEverythingWasEncoded() {
        String out = print(List.of(retrieval("simd/minilm-l6", false, Map.of("memory.weight_bytes", 86.0 * MIB))));
        assertFalse(out.contains("cached"), out);
        assertFalse(out.contains("~ marks"), "no measured figure to explain: " + out);
    }

    @Test
    void aRetrieverWithoutAnEncoderIsARetrievalRow() {
        EngineRun bm25 = retrieval("bm25", false, Map.of());
        Map<String, Double> values = new java.util.LinkedHashMap<>(bm25.runValues());
        values.keySet().removeIf(k -> k.startsWith("encode_docs."));
        EngineRun.Builder b = EngineRun.builder("bm25").metric(MetricInfo.score("ndcg_cut_10", ""))
                .metric(MetricInfo.score("recall_100", "")).metric(MetricInfo.score("recip_rank", ""));
        for (int i = 0; i < 3; i++) {
            b.item("q" + i).value("ndcg_cut_10", 0.5).value("recall_100", 1.0).value("recip_rank", 1.0);
        }
        values.forEach(b::runValue);
        String out = print(List.of(b.build()));
        List<String> row = List.of(out.split("\n")[2].split("\\s+"));
        assertEquals(List.of("bm25", "2", "3", "0.5000", "1.0000", "1.0000", "-", "-"), row.subList(0, 8), out);
        assertFalse(out.contains("RAG judge"), out);
    }

    @Test
    void aLabelledJudgeCellIsFollowedByItsDetectionQuality() {
        EngineRun.Builder b = EngineRun.builder("judge-local").metric(MetricInfo.score("faithfulness", ""));
        // Four samples: two hallucinated (one caught), two faithful (one false alarm).
        String[] labels = {"hallucinated", "hallucinated", "faithful", "faithful"};
        boolean[] flagged = {true, false, true, false};
        double[] score = {0.9, 0.2, 0.8, 0.1};
        for (int i = 0; i < 4; i++) {
            b.item("s" + i).value("faithfulness", flagged[i] ? 0 : 1).evidence(Map.of("label", labels[i],
                    "detection", Map.of("score", score[i], "flagged", flagged[i])));
        }
        b.runValue("judge.items_per_s", 50);
        String out = print(List.of(retrieval("simd/minilm-l6", false, Map.of()), b.build()));
        // AUROC: of the 4 (hallucinated, faithful) pairs, 0.9 beats both, 0.2 beats 0.1 only: 3/4.
        assertTrue(out.contains("\njudge-local as a hallucination detector on 4 labelled samples: AUROC 0.750,"
                + " balanced accuracy 0.500; caught 1 of 2 hallucinations, 1 false alarm on 2 faithful\n"), out);
    }

    private static EngineRun retrieval(String name, boolean cached, Map<String, Double> memory) {
        EngineRun.Builder b = EngineRun.builder(name).metric(MetricInfo.score("ndcg_cut_10", ""))
                .metric(MetricInfo.score("recall_100", "")).metric(MetricInfo.score("recip_rank", ""));
        double[] ndcg = {0.25, 0.5, 0.75};
        double[] recall = {0.75, 1, 0.5};
        for (int i = 0; i < 3; i++) {
            b.item("q" + i).value("ndcg_cut_10", ndcg[i]).value("recall_100", recall[i]).value("recip_rank", 1.0);
        }
        Map<String, Double> values = new java.util.LinkedHashMap<>();
        values.put("encode_docs.calls", cached ? 0.0 : 1.0);
        values.put("encode_docs.items_per_s", cached ? Double.NaN : 120.0);
        values.put("encode_docs.tokens_per_s", cached ? Double.NaN : 4800.0);
        values.put("encode_docs.warmup", cached ? 0.0 : 200.0);
        values.put("query.warmup", 200.0);
        values.put("query.calls", 3.0);
        values.put("query.p50_ms", 3.1);
        values.put("query.p99_ms", 9.0);
        values.put("search.p50_ms", 0.02);
        values.put("memory.index_bytes", 0.4 * MIB);
        values.put("memory.heap_peak_bytes", 300 * MIB);
        values.put("memory.rss_growth_bytes", 250 * MIB);
        values.putAll(memory);
        values.forEach(b::runValue);
        return b.build();
    }

    private static String print(List<EngineRun> runs) {
        Provenance.Builder p = Provenance.builder().plumbline("0.1.0", "abc")
                .host(new JvmInfo("v", "25", "vm", List.of()), new OsInfo("Linux", "6", "amd64"),
                        new Hardware("AMD EPYC 9R14", 2, List.of("avx2"), 8L << 30))
                .startedAt(Instant.EPOCH).finishedAt(Instant.EPOCH).peakRssBytes(1381 * MIB);
        for (EngineRun r : runs) {
            p.engine(new EngineIdentity(r.engine(), "simd", "", "", "classpath:x.onnx", "", Map.of("threads", "2")));
        }
        Results r = Results.of("t", "ndcg_cut_10", StatisticsConfig.DEFAULTS, p.build(), runs);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Summary.print(r, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
