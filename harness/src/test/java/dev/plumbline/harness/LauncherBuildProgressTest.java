package dev.plumbline.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The launcher's build step ({@code bin/build.sh}, sourced by {@code ./plumbline}) shows that the
 * build goes on, with the module Maven is on and the elapsed time, instead of one line for a
 * minute; and it hands back Maven's exit status. Driven here with a stand-in {@code mvnw}.
 */
class LauncherBuildProgressTest {
    @TempDir
    Path root;

    @Test
    void printsTheModuleAndElapsedTimeWhileMavenRunsAndSaysWhenItIsDone() throws Exception {
        Result r = build("""
                echo '[INFO] Building Plumbline :: datasets 0.1.0-SNAPSHOT                      [2/7]'
                sleep 1.3
                echo '[INFO] Building Plumbline :: engines 0.1.0-SNAPSHOT                       [4/7]'
                sleep 1.3
                """);
        assertEquals(0, r.exit, r.stderr);
        assertTrue(r.stderr.matches("(?s).*plumbline: still building \\(\\d+s\\): Plumbline :: (datasets \\[2/7\\]|engines "
                + "\\[4/7\\]).*"), r.stderr);
        assertTrue(r.stderr.contains("still building") && r.stderr.contains("engines [4/7]"), r.stderr);
        assertTrue(r.stderr.matches("(?s).*plumbline: built in \\d+s\\n"), r.stderr);
        assertTrue(Files.readString(root.resolve("build.log")).contains("Building Plumbline :: engines"),
                "Maven's full output stays in the log");
    }

    @Test
    void aFailedBuildReturnsMavensStatusAndClaimsNothing() throws Exception {
        Result r = build("echo '[ERROR] COMPILATION ERROR'\nexit 7\n");
        assertEquals(7, r.exit, r.stderr);
        assertFalse(r.stderr.contains("built in"), r.stderr);
    }

    private record Result(int exit, String stderr) {
    }

    private Result build(String fakeMaven) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("user.dir")).getParent().resolve("bin/build.sh");
        assumeTrue(Files.isRegularFile(script), "bin/build.sh not found from " + System.getProperty("user.dir"));
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        Path mvnw = root.resolve("mvnw");
        Files.writeString(mvnw, "#!/usr/bin/env bash\n" + fakeMaven);
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", ". \"$1\"; plumbline_build \"$2\" \"$2/build.log\"",
                "build-test", script.toString(), root.toString());
        pb.environment().put("PLUMBLINE_PROGRESS_EVERY", "1");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "build step did not finish");
        return new Result(p.exitValue(), err);
    }
}
