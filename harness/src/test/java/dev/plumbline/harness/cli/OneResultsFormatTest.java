package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every scoring command writes the one results document: {@code judge --out} output is reported,
 * compared, gated and reproduced like a run's; an experiment over RAG samples needs no engines.
 */
class OneResultsFormatTest {
    @TempDir
    Path dir;

    @Test
    void aJudgedDatasetIsReportedComparedGatedAndReproduced() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        for (Path out : new Path[] {a, b}) {
            CliRunner.Result r = CliRunner.run("judge", "--dataset", "builtin:demo", "--judge", "local-lexical",
                    "--out", out.toString());
            assertEquals(0, r.exitCode(), r.stderr());
        }
        Results results = ResultsJson.read(a.resolve("results.json"));
        EngineRun run = results.engine("judge-local-lexical");
        assertEquals(160, run.itemIds().size());
        assertTrue(run.metrics().containsKey("faithfulness"), run.metrics().keySet().toString());
        assertEquals("local-lexical", results.provenance().judge().name());
        assertTrue(Files.exists(a.resolve("samples.jsonl")) && Files.exists(a.resolve("summary.json")),
                "the verdicts and the summary are still written beside it");

        CliRunner.Result report = CliRunner.run("report", a.resolve("results.json").toString(), "-f", "md,html",
                "-o", dir.resolve("report").toString());
        assertEquals(0, report.exitCode(), report.stderr());
        assertTrue(Files.readString(dir.resolve("report/summary.md")).contains("faithfulness"));

        CliRunner.Result compare = CliRunner.run("compare", a.resolve("results.json").toString(),
                b.resolve("results.json").toString(), "-o", dir.resolve("compare").toString());
        assertEquals(0, compare.exitCode(), compare.stderr());
        assertTrue(compare.stdout().contains("faithfulness"), compare.stdout());

        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, "faithfulness: min 0.3\nfailed_items: max 0\n");
        CliRunner.Result gate = CliRunner.run("gate", "--baseline", a.resolve("results.json").toString(), "--current",
                b.resolve("results.json").toString(), "--rules", rules.toString(), "-o", dir.resolve("gate").toString());
        assertEquals(0, gate.exitCode(), gate.stdout() + gate.stderr());
        Files.writeString(rules, "faithfulness: min 0.9\n");
        assertEquals(1, CliRunner.run("gate", "--current", b.resolve("results.json").toString(), "--rules",
                rules.toString(), "-o", dir.resolve("gate").toString()).exitCode(), "a failing rule fails the gate");

    }

    @Test
    void aJudgedSampleFileIsReproduced() {
        Path data = dir.resolve("data");
        assertEquals(0, CliRunner.run("datasets", "export", "builtin:demo", data.toString()).exitCode());
        Path out = dir.resolve("judged");
        CliRunner.Result r = CliRunner.run("judge", "--dataset", "rag:" + data.resolve("samples.jsonl"), "--judge",
                "local-lexical", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        CliRunner.Result again = CliRunner.run("reproduce", out.resolve("results.json").toString(), "-q");
        assertEquals(0, again.exitCode(), again.stdout() + again.stderr());
    }

    @Test
    void anExperimentOverRagSamplesAloneNeedsNoEngines() throws IOException {
        Path data = dir.resolve("data");
        assertEquals(0, CliRunner.run("datasets", "export", "builtin:demo", data.toString()).exitCode());
        Path experiment = dir.resolve("rag.yaml");
        Files.writeString(experiment, "datasets: [rag:" + data.resolve("samples.jsonl") + "]\njudge: local-lexical\n"
                + "output: {reports: [md]}\n");
        CliRunner.Result r = CliRunner.run("run", experiment.toString(), "--out", dir.resolve("rag").toString(), "-q");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(1, ResultsJson.read(dir.resolve("rag/results.json")).engines().size());

        Path retrieval = dir.resolve("retrieval.yaml");
        Files.writeString(retrieval, "datasets: [builtin:demo]\n");
        Path out = dir.resolve("retrieval");
        CliRunner.Result refused = CliRunner.run("run", retrieval.toString(), "--out", out.toString(), "-q");
        assertEquals(2, refused.exitCode(), refused.stderr());
        assertEquals(retrieval + ": engines: missing; datasets[0]: builtin:demo has a corpus with queries and qrels,"
                + " so list engines to compare, e.g. [simd] (allowed: native, native-int4, native-int8, onnxruntime, openblas, scalar, simd,"
                + " simd-int8, auto), or retrievers (see examples/hybrid.yaml)",
                refused.stderr().strip().replaceFirst("^plumbline: ", ""));
        assertFalse(Files.exists(out.resolve("results.json")), "nothing written");
    }
}
