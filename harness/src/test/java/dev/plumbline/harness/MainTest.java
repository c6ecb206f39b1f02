package dev.plumbline.harness;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void everyCommandsHelpIsCleanOfPicocliWarnings() {
        // A bare % in a description is a format error picocli reports as "[picocli WARN] Could not format".
        List<List<String>> commands = new ArrayList<>();
        collect(new CommandLine(new Main()), new ArrayList<>(), commands);
        assertTrue(commands.size() >= 19, "every command and subcommand: " + commands);
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), args + ": " + r.stderr());
            assertFalse(r.stdout().contains("picocli") || r.stderr().contains("picocli"), args + ":\n" + r.stderr());
            assertTrue(r.stdout().contains("Usage: "), args + ":\n" + r.stdout());
        }
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        for (java.util.Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            if (!e.getKey().equals(e.getValue().getCommandName())) {
                continue; // an alias
            }
            List<String> sub = new ArrayList<>(path);
            sub.add(e.getKey());
            out.add(sub);
            collect(e.getValue(), sub, out);
        }
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
