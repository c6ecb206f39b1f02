package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** plumbline report on the bundled TREC example: scoring runs into a results document and rendering it. */
class ReportCommandTest {
    static final String QRELS = "../examples/trec/qrels.txt";
    static final String RUN = "../examples/trec/run.txt";

    @TempDir
    Path dir;

    @Test
    void scoresRunsIntoAResultsDocumentWithProvenance() {
        CliRunner.Result r = CliRunner.run("report", "--qrels", QRELS, "--run", RUN, "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        for (String f : new String[] {"results.json", "results.items.jsonl", "report.html", "summary.md"}) {
            assertTrue(Files.exists(dir.resolve(f)), f);
            assertTrue(r.stdout().contains("wrote " + dir.resolve(f)), r.stdout());
        }
        Results results = ResultsJson.read(dir.resolve("results.json"));
        assertEquals("example-dense", results.runId());
        assertEquals("ndcg_cut_10", results.primaryMetric());
        assertEquals(3, results.engine("example-dense").itemIds().size());
        // Same numbers as trec-eval prints for this example (map 0.3352, P_5 0.2667).
        assertEquals(0.3352, results.aggregate("example-dense", "map").mean(), 5e-5);
        assertEquals(0.2667, results.aggregate("example-dense", "P_5").mean(), 5e-5);
        var p = results.provenance();
        assertEquals("plumbline", p.command().getFirst());
        assertTrue(p.command().contains("--qrels"), p.command().toString());
        assertEquals(2, p.datasets().size());
        assertEquals(64, p.datasets().getFirst().sha256().length());
        assertEquals(3L, p.datasets().getFirst().counts().get("topics"));
        assertEquals("example-dense", p.engines().getFirst().name());
        assertTrue(p.threads().get("evaluation") >= 1);
        assertTrue(!p.finishedAt().isBefore(p.startedAt()));
    }

    @Test
    void rendersAResultsFileInEveryFormatBesideIt() throws IOException {
        assertEquals(0, CliRunner.run("report", "--qrels", QRELS, "--run", RUN, "--out", dir.toString(),
                "--format", "json").exitCode());
        CliRunner.Result r = CliRunner.run("report", dir.resolve("results.json").toString(),
                "--format", "csv,junit,md,html,allure");
        assertEquals(0, r.exitCode(), r.stderr());
        for (String f : new String[] {"summary.csv", "items.csv", "junit.xml", "summary.md", "report.html", "allure-results"}) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        assertTrue(Files.readString(dir.resolve("summary.csv")).startsWith("engine,metric,kind,direction"));
    }

    @Test
    void badInputIsOneLineWithExitTwo() {
        CliRunner.Result none = CliRunner.run("report");
        assertEquals(2, none.exitCode());
        assertEquals("plumbline: nothing to report on; give a results.json, or --qrels FILE with one or more --run FILE"
                + " (see plumbline report --help)\n", none.stderr());
        CliRunner.Result format = CliRunner.run("report", "--qrels", QRELS, "--run", RUN, "--out", dir.toString(),
                "--format", "pdf");
        assertEquals(2, format.exitCode());
        assertTrue(format.stderr().startsWith("plumbline: unknown report format 'pdf'; formats: json, csv"), format.stderr());
        CliRunner.Result missing = CliRunner.run("report", dir.resolve("nope.json").toString());
        assertEquals(2, missing.exitCode());
        assertEquals(1, missing.stderr().lines().count(), missing.stderr());
    }

    @Test
    void listsFormats() {
        CliRunner.Result r = CliRunner.run("report", "--list-formats");
        assertEquals(0, r.exitCode());
        assertTrue(r.stdout().contains("allure-html"), r.stdout());
    }
}
