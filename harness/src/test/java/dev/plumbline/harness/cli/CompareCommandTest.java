package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsATableAndWritesJsonAndMarkdown() throws IOException {
        assertEquals(0, CliRunner.run("report", "--qrels", ReportCommandTest.QRELS, "--run", ReportCommandTest.RUN,
                "--out", dir.resolve("a").toString(), "--format", "json").exitCode());
        Path a = dir.resolve("a/results.json");
        CliRunner.Result r = CliRunner.run("compare", a.toString(), a.toString(), "--out", dir.resolve("c").toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("metric"), r.stdout());
        assertTrue(r.stdout().contains("ndcg_cut_10"), r.stdout());
        assertTrue(r.stdout().contains("no significant change"), r.stdout());
        assertTrue(r.stdout().contains("note: multiple comparisons"), r.stdout());
        // A comparison of engines names the machine and the threads each side ran on.
        assertTrue(r.stdout().contains("baseline ran on "), r.stdout());
        assertTrue(r.stdout().contains("; current on "), r.stdout());
        assertTrue(r.stdout().contains("threads of "), r.stdout());
        assertTrue(Files.readString(dir.resolve("c/compare.json")).contains("\"schema\": \"plumbline.comparison\""));
        assertTrue(Files.readString(dir.resolve("c/compare.md")).startsWith("## Plumbline comparison"));
    }

    @Test
    void needsTwoFiles() {
        CliRunner.Result r = CliRunner.run("compare", "only.json");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().startsWith("plumbline: "), r.stderr());
    }
}
