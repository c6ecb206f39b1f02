package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trec-eval command on the bundled README example and on bad input. */
class TrecEvalCommandTest {
    private static final String QRELS = "../examples/trec/qrels.txt";
    private static final String RUN = "../examples/trec/run.txt";

    @TempDir
    Path dir;

    @Test
    void bundledExamplePrintsOfficialMeasures() {
        CliRunner.Result r = CliRunner.run("trec-eval", QRELS, RUN);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", r.stderr());
        String[] lines = r.stdout().split("\n");
        assertEquals("runid                 \tall\texample-dense", lines[0]);
        assertEquals("num_q                 \tall\t3", lines[1]);
        assertTrue(r.stdout().contains("map                   \tall\t0.3352\n"), r.stdout());
        assertTrue(r.stdout().contains("P_5                   \tall\t0.2667\n"), r.stdout());
    }

    @Test
    void trecEvalOptionFormsAreAccepted() {
        CliRunner.Result r = CliRunner.run("trec-eval", "-qc", "-M5", "-mP.5", "-m", "recip_rank", QRELS, RUN);
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("recip_rank            \tq1\t1.0000\nP_5                   \tq1\t0.6000\n"),
                r.stdout());
    }

    @Test
    void malformedRunExitsTwoWithFileAndLineOnOneLine() throws IOException {
        Path run = Files.writeString(dir.resolve("run.txt"), "q1 Q0 d1 1 0.5 r\nq1 Q0 d2 2\n");
        CliRunner.Result r = CliRunner.run("trec-eval", QRELS, run.toString());
        assertEquals(2, r.exitCode());
        assertEquals("", r.stdout());
        assertTrue(r.stderr().startsWith("plumbline: " + run + ":2: malformed run line"), r.stderr());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        Path run = Files.writeString(dir.resolve("run.txt"), "q1 Q0 d1\n");
        CliRunner.Result r = CliRunner.run("--verbose", "trec-eval", QRELS, run.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().lines().count() > 3, r.stderr());
        assertTrue(r.stderr().contains("at dev.plumbline.datasets.trec.TrecRunReader"), r.stderr());
    }

    @Test
    void unknownMeasureAndMissingFilesAreUsageErrors() {
        CliRunner.Result unknown = CliRunner.run("trec-eval", "-m", "ndcg@10", QRELS, RUN);
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.stderr().contains("ndcg_cut.10"), unknown.stderr());
        CliRunner.Result missing = CliRunner.run("trec-eval", QRELS);
        assertEquals(2, missing.exitCode());
        assertTrue(missing.stderr().contains("exactly two files"), missing.stderr());
        CliRunner.Result noFile = CliRunner.run("trec-eval", QRELS, "does-not-exist.txt");
        assertEquals(2, noFile.exitCode());
        assertTrue(noFile.stderr().contains("does-not-exist.txt"), noFile.stderr());
    }

    @Test
    void duplicateDocnoIsBadInput() throws IOException {
        Path run = Files.writeString(dir.resolve("run.txt"), "q1 Q0 a 1 0.5 r\nq1 Q0 a 2 0.4 r\n");
        CliRunner.Result r = CliRunner.run("trec-eval", QRELS, run.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("retrieves docno a twice"), r.stderr());
    }

    @Test
    void helpAndMeasureList() {
        CliRunner.Result help = CliRunner.run("trec-eval", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.stdout().contains("Usage: plumbline trec-eval"));
        CliRunner.Result list = CliRunner.run("trec-eval", "--list-measures");
        assertEquals(0, list.exitCode());
        assertTrue(list.stdout().contains("ndcg_cut"));
        assertTrue(list.stdout().contains("infAP"));
    }
}
