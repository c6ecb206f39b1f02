package dev.plumbline.harness;

import dev.plumbline.engines.Availability;
import dev.plumbline.engines.EngineUnavailableException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

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

    private static String handled(Exception ex, boolean verbose, int code) {
        StringWriter w = new StringWriter();
        assertEquals(code, Main.handle(ex, verbose, new PrintWriter(w)));
        return w.toString();
    }

    @Test
    void fileSystemErrorsAreBadInputNamingThePath() {
        assertEquals("plumbline: /tmp/a.tmp -> /tmp/out: Is a directory\n",
                handled(new FileSystemException("/tmp/a.tmp", "/tmp/out", "Is a directory"), false, 2));
        assertEquals("plumbline: /srv/x: permission denied\n", handled(new AccessDeniedException("/srv/x"), false, 2));
    }

    @Test
    void anEngineThatCannotRunHereIsBadInput() {
        assertEquals("plumbline: engine 'cuda' is " + Availability.no("no GPU", "run on a machine with one").describe()
                + "\n", handled(new EngineUnavailableException("cuda", Availability.no("no GPU",
                "run on a machine with one")), false, 2));
    }

    @Test
    void everyErrorIsOneLineAndStackTracesOnlyWithVerbose() {
        assertEquals("plumbline: while parsing in 'reader', line 1 expected ']'\n",
                handled(new UsageException("while parsing\n in 'reader', line 1\n   expected ']'\n"), false, 2));
        String internal = handled(new IllegalStateException("boom"), false, 3);
        assertEquals(1, internal.lines().count(), internal);
        assertTrue(internal.contains("rerun with --verbose"), internal);
        assertFalse(internal.contains("\tat "), internal);
        assertTrue(handled(new IllegalStateException("boom"), true, 3).contains("\tat "));
        assertEquals("plumbline: bad path /tmp/a\\u0000b\\u001b[31m\n",
                handled(new UsageException("bad path /tmp/a\u0000b\u001b[31m"), false, 2));
    }
}
