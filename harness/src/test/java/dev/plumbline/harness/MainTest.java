package dev.plumbline.harness;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    @Test
    void versionPrintsVersionAndCommit() {
        CliRunner.Result r = CliRunner.run("--version");
        assertEquals(0, r.exitCode());
        assertTrue(r.stdout().matches("(?s)plumbline \\d+\\.\\d+\\.\\d+\\S* \\(commit \\S+\\)\n.*"), r.stdout());
    }

    @Test
    void helpListsSubcommands() {
        CliRunner.Result r = CliRunner.run("--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.stdout().contains("trec-eval"), r.stdout());
    }

    @Test
    void unknownCommandIsAUsageErrorOnOneLine() {
        CliRunner.Result r = CliRunner.run("frobnicate");
        assertEquals(2, r.exitCode());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("plumbline: "), r.stderr());
    }

    @Test
    void noCommandIsAUsageError() {
        CliRunner.Result r = CliRunner.run();
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("--help"), r.stderr());
    }
}
