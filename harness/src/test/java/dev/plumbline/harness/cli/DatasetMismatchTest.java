package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code compare} and {@code gate} refuse a baseline computed on other data: the same run scored
 * against other qrels gives results whose query ids all match, and comparing them item by item
 * would report a change that is none. One line, exit 2; {@code --allow-dataset-mismatch}
 * compares anyway and every output says the data differ.
 */
class DatasetMismatchTest {
    @TempDir
    Path dir;
    Path original;
    Path other;
    Path renamed;

    @BeforeEach
    void results() throws IOException {
        // Other judgments for the same topics: the first relevant document of each topic judged 0.
        StringBuilder otherQrels = new StringBuilder();
        for (String line : Files.readAllLines(Path.of(ReportCommandTest.QRELS))) {
            otherQrels.append(line.endsWith(" 2") ? line.substring(0, line.length() - 1) + "0" : line).append('\n');
        }
        Path q = Files.writeString(dir.resolve("qrels.txt"), otherQrels);
        Path sameBytes = Files.createDirectories(dir.resolve("copy")).resolve("qrels.txt");
        Files.copy(Path.of(ReportCommandTest.QRELS), sameBytes);
        report(ReportCommandTest.QRELS, "a");
        report(q.toString(), "b");
        report(sameBytes.toString(), "c");
        original = dir.resolve("a/results.json");
        other = dir.resolve("b/results.json");
        renamed = dir.resolve("c/results.json");
    }

    private void report(String qrels, String out) {
        CliRunner.Result r = CliRunner.run("report", "--qrels", qrels, "--run", ReportCommandTest.RUN, "--out",
                dir.resolve(out).toString(), "--format", "json");
        assertEquals(0, r.exitCode(), r.stderr());
    }

    private static void refused(CliRunner.Result r, Path baseline, Path current) {
        assertEquals(2, r.exitCode(), r.stdout() + r.stderr());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("plumbline: " + baseline + " and " + current + " come from different data "
                + "(dataset qrels differs: fingerprint "), r.stderr());
        assertTrue(r.stderr().endsWith("; items are paired by id, so compare results of the same dataset, or pass "
                + "--allow-dataset-mismatch to compare them anyway\n"), r.stderr());
    }

    @Test
    void compareRefusesOtherDataAndSaysSoWhenAllowed() throws IOException {
        refused(CliRunner.run("compare", original.toString(), other.toString(), "--out", dir.resolve("x").toString()),
                original, other);
        assertTrue(Files.notExists(dir.resolve("x")), "nothing written");

        CliRunner.Result allowed = CliRunner.run("compare", original.toString(), other.toString(),
                "--allow-dataset-mismatch", "--out", dir.resolve("y").toString());
        assertEquals(0, allowed.exitCode(), allowed.stderr());
        assertTrue(allowed.stdout().contains("note: datasets differ, compared anyway (--allow-dataset-mismatch): dataset "
                + "qrels differs"), allowed.stdout());
        assertTrue(Files.readString(dir.resolve("y/compare.md")).contains("datasets differ, compared anyway"));
        assertTrue(Files.readString(dir.resolve("y/compare.json")).contains("datasets differ, compared anyway"));

        // The same bytes from another folder are the same data.
        CliRunner.Result same = CliRunner.run("compare", original.toString(), renamed.toString(), "--out",
                dir.resolve("z").toString());
        assertEquals(0, same.exitCode(), same.stderr());
        assertTrue(!same.stdout().contains("datasets differ"), same.stdout());
    }

    @Test
    void gateRefusesOtherDataAndSaysSoWhenAllowed() throws IOException {
        Path rules = Files.writeString(dir.resolve("gates.yaml"), "ndcg_cut.10: max_drop 0.01\n");
        refused(CliRunner.run("gate", "--baseline", original.toString(), "--current", other.toString(), "--rules",
                rules.toString(), "--out", dir.resolve("g").toString()), original, other);
        assertTrue(Files.notExists(dir.resolve("g")), "nothing written");

        CliRunner.Result allowed = CliRunner.run("gate", "--baseline", original.toString(), "--current", other.toString(),
                "--rules", rules.toString(), "--allow-dataset-mismatch", "--out", dir.resolve("h").toString());
        assertTrue(allowed.exitCode() == 0 || allowed.exitCode() == 1, allowed.stderr());
        assertTrue(allowed.stdout().contains("note: datasets differ, compared anyway (--allow-dataset-mismatch)"),
                allowed.stdout());
        assertTrue(Files.readString(dir.resolve("h/gate.md")).contains("datasets differ, compared anyway"));
        assertTrue(Files.readString(dir.resolve("h/junit.xml")).contains("datasets differ, compared anyway"));

        CliRunner.Result same = CliRunner.run("gate", "--baseline", original.toString(), "--current", renamed.toString(),
                "--rules", rules.toString(), "--out", dir.resolve("i").toString());
        assertEquals(0, same.exitCode(), same.stdout() + same.stderr());
    }
}
