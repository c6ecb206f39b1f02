package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import dev.plumbline.reports.provenance.Hardware;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownDemoEngineExitsTwoWithOneLine() {
        CliRunner.Result r = CliRunner.run("demo", "--out", dir.resolve("x").toString(), "--engines", "warp-drive", "-q");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("warp-drive") && r.stderr().strip().lines().count() == 1, r.stderr());
    }

    @Test
    void theDemoPrintsTheSummaryAndTheReportPath() throws java.io.IOException {
        Path out = dir.resolve("demo");
        CliRunner.Result r = CliRunner.run("demo", "--out", out.toString(), "--no-cache", "-q");
        assertEquals(0, r.exitCode(), r.stderr());
        String[] lines = r.stdout().split("\n");
        // The verdict opens the output and ends it, one line per pair of configurations (whole and
        // chunked documents on each engine): the two engines rank alike, so no difference there.
        String verdict = "verdict: simd/minilm-l6 vs onnxruntime/minilm-l6: nDCG@10 Δ +0.0000 [+0.0000, +0.0000],"
                + " p = 1.0000 (no difference); encode ";
        List<String> opening = new java.util.ArrayList<>();
        for (int i = 0; i < lines.length && lines[i].startsWith("verdict: "); i++) {
            opening.add(lines[i]);
        }
        List<String> closing = new java.util.ArrayList<>();
        for (int i = lines.length - 1; i >= 0 && lines[i].startsWith("verdict: "); i--) {
            closing.add(0, lines[i]);
        }
        assertTrue(opening.stream().anyMatch(l -> l.startsWith(verdict)), String.join("\n", opening));
        assertEquals(opening, closing, "the same verdict lines open and close the output");
        int table = 0;
        while (!lines[table].startsWith("Retrieval on")) {
            table++;
        }
        lines = java.util.Arrays.copyOfRange(lines, table, lines.length);
        // The title says where it ran and what was timed; the columns carry their units.
        assertTrue(lines[0].startsWith("Retrieval on " + Hardware.current().describe() + ", timed after warm-up"),
                lines[0]);
        assertTrue(lines[1].startsWith("retrieval") && lines[1].contains("nDCG@10") && lines[1].contains("threads")
                && lines[1].contains("docs/s") && lines[1].contains("query p50 ms") && lines[1].contains("engine MiB"),
                r.stdout());
        assertTrue(lines[2].startsWith("simd/minilm-l6 ") && lines[2].contains(" 190 "), r.stdout());
        assertTrue(lines[3].startsWith("simd/minilm-l6@fixed "), r.stdout());
        assertTrue(lines[4].startsWith("onnxruntime/minilm-l6 "), r.stdout());
        // Timed, not cached (--no-cache), and every engine that ran has a memory figure.
        int engineMiB = List.of(lines[1].split("\\s{2,}")).indexOf("engine MiB");
        for (String row : List.of(lines[2], lines[4])) {
            String[] cells = row.split("\\s+");
            assertTrue(cells[6].matches("\\d+"), "docs/s: " + row);
            assertTrue(cells[engineMiB].matches("~?\\d+\\.\\d"), "engine MiB: " + row);
        }
        assertTrue(r.stdout().contains("\nprocess peak RSS (VmHWM): ") || dev.plumbline.engines.ProcessMemory.peakBytes() < 0,
                r.stdout());
        assertTrue(r.stdout().contains("\njudge-local ") && r.stdout().contains("faithfulness"), r.stdout());
        assertTrue(r.stdout().contains("open the report: " + out.resolve("report.html").toAbsolutePath().toUri()),
                r.stdout());
        assertTrue(Files.exists(out.resolve("report.html")) && Files.exists(out.resolve("summary.md")));
        // Issue 20's "done when": the report has the leaderboard, the in-run pairwise table, the drill-down
        // with detection quality on the demo's labels, and the per-query view.
        String html = Files.readString(out.resolve("report.html"));
        for (String id : List.of("verdict", "leaderboard", "pairwise", "hallucinations", "queries")) {
            assertTrue(html.contains("<section id=\"" + id + "\""), "section " + id);
        }
        assertTrue(html.contains("<th>AUROC</th><td class=\"num\">0.9563</td>"), "the judge's AUROC on builtin:demo");
        assertTrue(html.contains("<td>changed_date</td>"), "a confusion row per hallucination type");
        assertTrue(r.stdout().contains("\njudge-local as a hallucination detector on 160 labelled samples: AUROC 0.956,"
                + " balanced accuracy 0.825; caught 80 of 80 hallucinations, 28 false alarms on 80 faithful\n"), r.stdout());
        Results results = ResultsJson.read(out.resolve("results.json"));
        assertEquals(List.of("simd/minilm-l6", "simd/minilm-l6@fixed", "onnxruntime/minilm-l6",
                "onnxruntime/minilm-l6@fixed", "simd/minilm-l6+extractive", "simd/minilm-l6@fixed+extractive",
                "onnxruntime/minilm-l6+extractive", "onnxruntime/minilm-l6@fixed+extractive", "judge-local"),
                results.engines().stream().map(EngineRun::engine).toList());
        // The end-to-end cell per engine: chunker -> retriever -> extractive generator -> judge.
        assertTrue(r.stdout().contains("\nsimd/minilm-l6@fixed+extractive ")
                && r.stdout().contains("\nonnxruntime/minilm-l6@fixed+extractive "), r.stdout());
        for (String e2e : List.of("simd/minilm-l6@fixed+extractive", "onnxruntime/minilm-l6@fixed+extractive")) {
            var h = results.aggregate(e2e, "hallucinated");
            assertEquals(190, h.count());
            assertTrue(h.mean() >= 0 && h.mean() <= 1 && !Double.isNaN(h.ciLow()), e2e + ": " + h);
            assertEquals(0.0, results.engine(e2e).runValues().get("generate.failed"));
        }
        // Chunking matters on the demo: the long documents' answers lie past minilm-l6's 256 tokens.
        var whole = results.engine("simd/minilm-l6").runValues();
        var chunked = results.engine("simd/minilm-l6@fixed").runValues();
        assertEquals(30.0, whole.get("tokens.truncated_docs"));
        assertEquals(0.0, chunked.get("tokens.truncated_chunks"));
        assertTrue(results.aggregate("simd/minilm-l6@fixed", "span_recall_10").mean()
                > results.aggregate("simd/minilm-l6", "span_recall_10").mean(), "span recall");
        assertTrue(results.aggregate("simd/minilm-l6@fixed", "ndcg_cut_10").mean()
                > results.aggregate("simd/minilm-l6", "ndcg_cut_10").mean());
        // Exact for the Java engine, measured (and so labelled) for ONNX Runtime.
        var simd = results.engine("simd/minilm-l6").runValues();
        var ort = results.engine("onnxruntime/minilm-l6").runValues();
        assertTrue(simd.get("memory.weight_bytes") > 80 * (1 << 20), simd.toString());
        assertTrue(Double.isNaN(simd.get("memory.native_rss_growth_bytes")));
        assertTrue(Double.isNaN(ort.get("memory.weight_bytes")));
        assertTrue(ort.get("memory.native_rss_growth_bytes") >= 0, ort.toString());
        // Both engines encode the same model: their rankings agree on the demo's headline figure.
        assertEquals(results.aggregate("simd/minilm-l6", "ndcg_cut_10").mean(),
                results.aggregate("onnxruntime/minilm-l6", "ndcg_cut_10").mean(), 1e-3);
    }
}
