package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gate end to end on IR data: a baseline run and a degraded run (scores negated, so the
 * ranking is reversed) produce a failing gate with exit 1 and explanations in JUnit and Markdown.
 */
class GateCommandTest {
    @TempDir
    Path dir;
    Path baseline;
    Path current;

    @BeforeEach
    void results() throws IOException {
        Path degradedRun = dir.resolve("degraded.txt");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(ReportCommandTest.RUN))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\s+");
            lines.add(f[0] + " Q0 " + f[2] + " " + f[3] + " " + (-Double.parseDouble(f[4])) + " " + f[5]);
        }
        Files.write(degradedRun, lines);
        assertEquals(0, CliRunner.run("report", "--qrels", ReportCommandTest.QRELS, "--run", ReportCommandTest.RUN,
                "--out", dir.resolve("base").toString(), "--format", "json").exitCode());
        assertEquals(0, CliRunner.run("report", "--qrels", ReportCommandTest.QRELS, "--run", degradedRun.toString(),
                "--out", dir.resolve("cur").toString(), "--format", "json").exitCode());
        baseline = dir.resolve("base/results.json");
        current = dir.resolve("cur/results.json");
    }

    private Path rules(String yaml) throws IOException {
        return Files.writeString(dir.resolve("gates.yaml"), yaml);
    }

    @Test
    void degradedRunFailsWithExitOneAndExplainsItInJunitAndMarkdown() throws IOException {
        Path rules = rules("ndcg_cut.10: max_drop 0.01\nrecip_rank: max_drop 0.05\nfailed_items: max 0\n");
        CliRunner.Result r = CliRunner.run("gate", "--baseline", baseline.toString(), "--current", current.toString(),
                "--rules", rules.toString(), "--out", dir.resolve("gate").toString());
        assertEquals(1, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().startsWith("FAIL [example-dense] ndcg_cut.10: max_drop 0.01: ndcg_cut_10 mean dropped: "),
                r.stdout());
        assertTrue(r.stdout().contains("PASS [example-dense] failed_items: max 0: 0 items have a failed or undefined value"),
                r.stdout());
        assertTrue(r.stdout().contains("gate failed: 2 of 3 checks failed"), r.stdout());
        String junit = Files.readString(dir.resolve("gate/junit.xml"));
        assertTrue(junit.contains("<testsuite name=\"plumbline.gate\" tests=\"3\" failures=\"2\""), junit);
        assertTrue(junit.contains("<failure type=\"GateRuleFailed\" message=\"ndcg_cut_10 mean dropped: "), junit);
        assertTrue(junit.contains("more than the allowed drop of 0.01"), junit);
        String md = Files.readString(dir.resolve("gate/gate.md"));
        assertTrue(md.startsWith("## :x: Plumbline gate failed\n"), md);
        assertTrue(md.contains("| :x: | `ndcg_cut.10: max_drop 0.01` | example\\-dense |")
                || md.contains("| :x: | `ndcg_cut.10: max_drop 0.01` | example-dense |"), md);
    }

    @Test
    void unchangedRunPassesWithExitZero() throws IOException {
        Path rules = rules("ndcg_cut.10: max_drop 0.01\nfailed_items: max 0\nmap: min 0.3\n");
        CliRunner.Result r = CliRunner.run("gate", "--baseline", baseline.toString(), "--current", baseline.toString(),
                "--rules", rules.toString(), "--out", dir.resolve("gate").toString(), "--format", "junit,md,json,html");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("gate passed: 3 passed, 0 skipped"), r.stdout());
        assertTrue(Files.readString(dir.resolve("gate/gate.json")).contains("\"passed\": true"));
        assertTrue(Files.exists(dir.resolve("gate/report.html")));
    }

    @Test
    void badRulesAreExitTwoNamingFileAndLine() throws IOException {
        Path rules = rules("map: min 0.3\nndcg_cut.10: max_dorp 0.01\n");
        CliRunner.Result r = CliRunner.run("gate", "--baseline", baseline.toString(), "--current", current.toString(),
                "--rules", rules.toString());
        assertEquals(2, r.exitCode());
        assertEquals("plumbline: " + rules + ":2: ndcg_cut.10: unknown constraint 'max_dorp'; use one of min, max,"
                + " max_drop, max_increase, plus significant: true / alpha: 0.05 in the mapping form\n", r.stderr());
        Path typo = rules("ndcg_cut.11: max_drop 0.01\n");
        CliRunner.Result t = CliRunner.run("gate", "--baseline", baseline.toString(), "--current", current.toString(),
                "--rules", typo.toString());
        assertEquals(2, t.exitCode());
        assertTrue(t.stderr().startsWith("plumbline: " + typo + ":1: no metric 'ndcg_cut.11' in the results"), t.stderr());
        Path other = rules("ndcg@10: max_drop 0.01\n");
        CliRunner.Result o = CliRunner.run("gate", "--baseline", baseline.toString(), "--current", current.toString(),
                "--rules", other.toString());
        assertEquals(2, o.exitCode());
        assertEquals("plumbline: " + other + ":1: no metric 'ndcg@10' in the results; did you mean ndcg_cut.10?\n",
                o.stderr());
    }

    @Test
    void missingFilesAndBaselineAreExitTwo() throws IOException {
        Path rules = rules("ndcg_cut.10: max_drop 0.01\n");
        CliRunner.Result noBaseline = CliRunner.run("gate", "--current", current.toString(), "--rules", rules.toString());
        assertEquals(2, noBaseline.exitCode());
        assertTrue(noBaseline.stderr().contains("compares with a baseline; pass --baseline BASELINE.json"),
                noBaseline.stderr());
        CliRunner.Result noFile = CliRunner.run("gate", "--baseline", baseline.toString(), "--current",
                dir.resolve("nope.json").toString(), "--rules", rules.toString());
        assertEquals(2, noFile.exitCode());
        assertTrue(noFile.stderr().contains("nope.json"), noFile.stderr());
        assertFalse(noFile.stderr().contains("\tat "), "no stack trace without --verbose");
    }
}
