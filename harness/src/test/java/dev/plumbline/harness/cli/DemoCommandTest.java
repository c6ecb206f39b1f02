package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
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
    void theDemoPrintsTheSummaryAndTheReportPath() {
        Path out = dir.resolve("demo");
        CliRunner.Result r = CliRunner.run("demo", "--out", out.toString(), "--no-cache", "-q");
        assertEquals(0, r.exitCode(), r.stderr());
        String[] lines = r.stdout().split("\n");
        assertTrue(lines[0].startsWith("retrieval") && lines[0].contains("nDCG@10"), r.stdout());
        assertTrue(lines[1].startsWith("simd/minilm-l6 ") && lines[1].contains(" 160 "), r.stdout());
        assertTrue(lines[2].startsWith("onnxruntime/minilm-l6 "), r.stdout());
        assertTrue(r.stdout().contains("\njudge-local ") && r.stdout().contains("faithfulness"), r.stdout());
        assertTrue(r.stdout().contains("open the report: " + out.resolve("report.html").toAbsolutePath().toUri()),
                r.stdout());
        assertTrue(Files.exists(out.resolve("report.html")) && Files.exists(out.resolve("summary.md")));
        Results results = ResultsJson.read(out.resolve("results.json"));
        assertEquals(List.of("simd/minilm-l6", "onnxruntime/minilm-l6", "judge-local"),
                results.engines().stream().map(EngineRun::engine).toList());
        // Both engines encode the same model: their rankings agree on the demo's headline figure.
        assertEquals(results.aggregate("simd/minilm-l6", "ndcg_cut_10").mean(),
                results.aggregate("onnxruntime/minilm-l6", "ndcg_cut_10").mean(), 1e-3);
    }
}
