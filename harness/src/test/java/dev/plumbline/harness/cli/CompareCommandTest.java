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
    void pairComparesEnginesWhoseNamesDiffer() throws IOException {
        Path alpha = tagged("alpha");
        Path beta = tagged("beta");
        Path alpha2 = tagged("alpha2");
        assertEquals(0, CliRunner.run("report", "--qrels", ReportCommandTest.QRELS, "--run", alpha.toString(), "--run",
                beta.toString(), "--out", dir.resolve("base").toString(), "--format", "json").exitCode());
        assertEquals(0, CliRunner.run("report", "--qrels", ReportCommandTest.QRELS, "--run", alpha2.toString(), "--run",
                beta.toString(), "--out", dir.resolve("cur").toString(), "--format", "json").exitCode());
        String base = dir.resolve("base/results.json").toString();
        String cur = dir.resolve("cur/results.json").toString();
        CliRunner.Result byName = CliRunner.run("compare", base, cur, "--out", dir.resolve("c1").toString());
        assertEquals(0, byName.exitCode(), byName.stderr());
        assertTrue(byName.stdout().contains("note: engine alpha is only in the baseline; not compared"), byName.stdout());
        CliRunner.Result paired = CliRunner.run("compare", base, cur, "--pair", "alpha=alpha2", "--out",
                dir.resolve("c2").toString());
        assertEquals(0, paired.exitCode(), paired.stderr());
        assertTrue(paired.stdout().contains("engine alpha2 vs alpha: "), paired.stdout());
        assertTrue(paired.stdout().contains("note: engine alpha2 compared with baseline engine alpha (--pair)"),
                paired.stdout());
        CliRunner.Result bad = CliRunner.run("compare", base, cur, "--pair", "alpha=gamma");
        assertEquals(2, bad.exitCode());
        assertEquals("plumbline: --pair alpha=gamma: no engine gamma in the current results [alpha2, beta]",
                bad.stderr().strip());
        CliRunner.Result malformed = CliRunner.run("compare", base, cur, "--pair", "alpha");
        assertEquals(2, malformed.exitCode());
        assertTrue(malformed.stderr().contains("expected BASELINE_ENGINE=CURRENT_ENGINE"), malformed.stderr());
    }

    /** The example run with its run tag (the engine's name) replaced. */
    private Path tagged(String tag) throws IOException {
        Path p = dir.resolve(tag + ".txt");
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(Path.of(ReportCommandTest.RUN))) {
            String[] f = line.split("\\s+");
            f[5] = tag;
            sb.append(String.join(" ", f)).append('\n');
        }
        Files.writeString(p, sb.toString());
        return p;
    }

    @Test
    void needsTwoFiles() {
        CliRunner.Result r = CliRunner.run("compare", "only.json");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().startsWith("plumbline: "), r.stderr());
    }
}
