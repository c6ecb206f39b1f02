package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import dev.plumbline.harness.run.OutputFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The output folder of {@code plumbline run}: a file or an unwritable folder, a folder in use by
 * another run (the lock), a rerun without {@code --force}, a resume after the experiment copy was
 * edited. Each is exit 2 with one line naming the folder and the fix, no stack trace, and nothing
 * already written changed. One real run on builtin:demo (simd on one thread, the lexical judge)
 * gives the earlier results the other tests must leave alone.
 */
class RunOutputFolderTest {
    @TempDir
    static Path dir;

    static Path experiment;
    static Path done;
    static byte[] results;

    @BeforeAll
    static void runOnce() throws IOException {
        experiment = dir.resolve("exp.yaml");
        Files.writeString(experiment, """
                name: folder
                datasets: [builtin:demo]
                engines: [{name: simd, threads: 1}]
                judge: local-lexical
                latency: {warmup: 0}
                cache_dir: %s
                output: {reports: [md]}
                """.formatted(dir.resolve("cache")));
        done = dir.resolve("done");
        CliRunner.Result r = CliRunner.run("run", experiment.toString(), "--out", done.toString(), "-q");
        assertEquals(0, r.exitCode(), r.stderr());
        results = Files.readAllBytes(done.resolve("results.json"));
    }

    /** Exit 2, one line starting with {@code plumbline: } and {@code start}, no stack trace. */
    private static String refused(CliRunner.Result r, String start) {
        String err = r.stderr().replace("WARNING: Using incubator modules: jdk.incubator.vector\n", "");
        assertEquals(2, r.exitCode(), err);
        assertTrue(err.startsWith("plumbline: " + start), err);
        assertEquals(1, err.lines().count(), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        return err.strip();
    }

    private static void unchanged() throws IOException {
        assertArrayEquals(results, Files.readAllBytes(done.resolve("results.json")));
    }

    @Test
    void aRerunIntoTheSameFolderIsRefusedWithoutForce() throws IOException {
        CliRunner.Result r = CliRunner.run("run", experiment.toString(), "--out", done.toString(), "-q");
        assertEquals("plumbline: output folder " + done + " already holds an earlier run (results.json, checkpoint/,"
                + " experiment.yaml, ...); add --force to replace it, --resume " + done + " to continue it, or give"
                + " another --out", refused(r, "output folder"));
        unchanged();
    }

    @Test
    void aFolderWithOtherFilesIsRefusedWithoutForceAndUsedWithIt() throws IOException {
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "mine");
        CliRunner.Result r = CliRunner.run("run", experiment.toString(), "--out", other.toString(), "-q");
        assertEquals("plumbline: output folder " + other + " already holds files (notes.txt); add --force to replace"
                + " them, or give another --out", refused(r, "output folder"));
        assertFalse(Files.exists(other.resolve("results.json")));

        CliRunner.Result forced = CliRunner.run("run", experiment.toString(), "--out", other.toString(), "--force");
        assertEquals(0, forced.exitCode(), forced.stderr());
        assertFalse(forced.stderr().contains("replacing"), forced.stderr());
        assertEquals("mine", Files.readString(other.resolve("notes.txt")));
        assertTrue(Files.exists(other.resolve("results.json")));

        CliRunner.Result again = CliRunner.run("run", experiment.toString(), "--out", other.toString(), "--force");
        assertEquals(0, again.exitCode(), again.stderr());
        assertTrue(again.stderr().contains("plumbline: replacing the earlier run in " + other + "\n"), again.stderr());
    }

    @Test
    void anOutputFolderThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "keep me");
        CliRunner.Result r = CliRunner.run("run", experiment.toString(), "--out", file.toString(), "-q");
        assertEquals("plumbline: output folder " + file + " is a file; give --out (or output.dir) a folder",
                refused(r, "output folder"));
        assertEquals("keep me", Files.readString(file));

        Path under = file.resolve("sub");
        refused(CliRunner.run("run", experiment.toString(), "--out", under.toString(), "-q"),
                "cannot create output folder " + under + ": ");
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void anOutputFolderThatCannotBeWrittenIsRefused() throws IOException {
        Path locked = Files.createDirectories(dir.resolve("read-only"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        Path target = locked.resolve("out");
        try {
            if (!canWrite(locked)) {
                String m = refused(CliRunner.run("run", experiment.toString(), "--out", target.toString(), "-q"),
                        "cannot create output folder " + target + ": ");
                assertTrue(m.endsWith("; give --out (or output.dir) a folder you can write to"), m);
                return;
            }
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        // Root writes through permissions; a read-only mount (sysfs in a container) stands in.
        Path sys = Path.of("/sys");
        assumeTrue(Files.isDirectory(sys) && !canWrite(sys), "no folder here that this user cannot write");
        String m = refused(CliRunner.run("run", experiment.toString(), "--out", sys.toString(), "-q"),
                "cannot write into output folder /sys: ");
        assertTrue(m.endsWith("; give --out (or output.dir) a folder you can write to"), m);
    }

    @Test
    void aCacheFolderThatCannotBeWrittenIsRefusedBeforeTheRun() throws IOException {
        Path locked = Files.createDirectories(dir.resolve("read-only-cache"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Path cache = canWrite(locked) ? Path.of("/sys/plumbline-cache") : locked.resolve("cache");
            assumeTrue(!canWrite(cache.getParent()), "no folder here that this user cannot write");
            Path exp = dir.resolve("bad-cache.yaml");
            Files.writeString(exp, Files.readString(experiment).replace(dir.resolve("cache").toString(), cache.toString()));
            Path target = dir.resolve("no-cache-out");
            String m = refused(CliRunner.run("run", exp.toString(), "--out", target.toString(), "-q"),
                    "cannot create the embedding cache folder " + cache + ": ");
            assertTrue(m.endsWith("; give cache_dir a folder you can write to, or cache: false"), m);
            assertFalse(Files.exists(target));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void emptyFolderNamesAreRefused() {
        assertEquals("plumbline: the output folder is empty; give --out (or output.dir) a folder",
                refused(CliRunner.run("run", experiment.toString(), "--out", ""), "the output folder"));
        assertEquals("plumbline: --resume is empty; give the output folder of the run to continue",
                refused(CliRunner.run("run", "--resume", ""), "--resume"));
    }

    private static boolean canWrite(Path folder) {
        try {
            Files.delete(Files.createTempFile(folder, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aFolderInUseByAnotherProcessIsRefusedNamingItsPid() throws Exception {
        Path busy = dir.resolve("busy");
        Path holder = dir.resolve("HoldLock.java");
        Files.writeString(holder, """
                import java.nio.ByteBuffer;
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class HoldLock {
                    public static void main(String[] a) throws Exception {
                        Path d = Files.createDirectories(Path.of(a[0]));
                        try (FileChannel c = FileChannel.open(d.resolve("%s"), StandardOpenOption.CREATE,
                                StandardOpenOption.READ, StandardOpenOption.WRITE); var l = c.tryLock()) {
                            c.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\\n").getBytes()));
                            System.out.println(l == null ? "busy" : "locked");
                            System.out.flush();
                            System.in.read();
                        }
                    }
                }
                """.formatted(OutputFolder.LOCK));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                holder.toString(), busy.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", lines.readLine());
            CliRunner.Result r = CliRunner.run("run", experiment.toString(), "--out", busy.toString(), "-q");
            assertEquals("plumbline: output folder " + busy + " is in use by another plumbline run (pid " + child.pid()
                    + ") holding " + busy.resolve(OutputFolder.LOCK) + "; wait for it to finish or give another --out",
                    refused(r, "output folder"));
            try (var files = Files.list(busy)) {
                assertEquals(1, files.count(), "nothing but the lock file was written");
            }
        } finally {
            child.getOutputStream().close();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aFolderLockedInThisProcessIsRefusedToo() throws IOException {
        Path busy = Files.createDirectories(dir.resolve("busy-here"));
        try (FileChannel c = FileChannel.open(busy.resolve(OutputFolder.LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock l = c.lock()) {
            c.write(ByteBuffer.wrap("12345\n".getBytes(StandardCharsets.US_ASCII)));
            refused(CliRunner.run("run", experiment.toString(), "--out", busy.toString(), "-q"),
                    "output folder " + busy + " is in use by another plumbline run (pid 12345)");
        }
    }

    @Test
    void aBadDatasetLeavesNoOutputFolder() throws IOException {
        Path bad = dir.resolve("bad-dataset.yaml");
        Files.writeString(bad, Files.readString(experiment).replace("builtin:demo", "beir:" + dir.resolve("nope")));
        Path target = dir.resolve("never/made");
        refused(CliRunner.run("run", bad.toString(), "--out", target.toString(), "-q"), dir.resolve("nope").toString());
        assertFalse(Files.exists(dir.resolve("never")), "the run created folders it did not need");
        // A folder that existed before keeps nothing of the failed run but its lock file.
        Path existing = Files.createDirectories(dir.resolve("existing"));
        refused(CliRunner.run("run", bad.toString(), "--out", existing.toString(), "-q"), dir.resolve("nope").toString());
        try (var files = Files.list(existing)) {
            assertEquals(java.util.List.of(OutputFolder.LOCK), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void resumingAfterTheExperimentCopyWasEditedIsRefusedNamingTheChange() throws IOException {
        Path copy = done.resolve("experiment.yaml");
        String original = Files.readString(copy);
        try {
            Files.writeString(copy, original.replace("threads: 1", "threads: 2").replace("judge: local-lexical\n", ""));
            CliRunner.Result r = CliRunner.run("run", "--resume", done.toString(), "-q");
            assertEquals("plumbline: " + copy + " was edited after the run began (engines[0].threads: 1 -> 2; judge:"
                    + " \"local-lexical\" -> (absent)), so its finished cells are from another experiment: undo the edit"
                    + " to resume, or start afresh with plumbline run " + copy + " --out " + done + " --force",
                    refused(r, copy.toString()));
            unchanged();
        } finally {
            Files.writeString(copy, original);
        }
        assertEquals("plumbline: --force starts afresh and --resume continues; give one of them",
                refused(CliRunner.run("run", "--resume", done.toString(), "--force"), "--force"));
    }

    @Test
    void aResumeAfterOnlyCommentsChangedGoesOn() throws IOException {
        Path folder = dir.resolve("commented");
        CliRunner.Result first = CliRunner.run("run", experiment.toString(), "--out", folder.toString(), "-q");
        assertEquals(0, first.exitCode(), first.stderr());
        Path copy = folder.resolve("experiment.yaml");
        Files.writeString(copy, "# a note\n" + Files.readString(copy).replace("\n", "   # layout\n"));
        CliRunner.Result r = CliRunner.run("run", "--resume", folder.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("simd/minilm-l6: read back from its checkpoint"), r.stderr());
    }

    @Test
    void aBadRepeatIsOneLine() {
        assertEquals("plumbline: --repeat must be from 1 to 1000, got 0",
                refused(CliRunner.run("run", experiment.toString(), "--repeat", "0"), "--repeat"));
    }

    @Test
    void aGateRuleOnAMissingMetricStillLeavesTheWholeOutput() throws IOException {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), "ndcg_cut.11: min 0.5\n");
        Path gated = dir.resolve("gated.yaml");
        Files.writeString(gated, Files.readString(experiment) + "gate: {rules: " + rules + "}\n");
        Path folder = dir.resolve("gated");
        refused(CliRunner.run("run", gated.toString(), "--out", folder.toString(), "-q"), rules + ":1: no metric");
        assertTrue(Files.exists(folder.resolve("results.json")) && Files.exists(folder.resolve("summary.md")));

        Path drop = Files.writeString(dir.resolve("drop.yaml"), "ndcg_cut.10: max_drop 0.01\n");
        Path needsBaseline = dir.resolve("needs-baseline.yaml");
        Files.writeString(needsBaseline, Files.readString(experiment) + "gate: {rules: " + drop + "}\n");
        Path never = dir.resolve("no-baseline");
        assertEquals("plumbline: " + drop + ":1: ndcg_cut.10: max_drop compares with a baseline; add gate: {baseline:"
                + " RESULTS.json} to the experiment",
                refused(CliRunner.run("run", needsBaseline.toString(), "--out", never.toString(), "-q"), drop.toString()));
        assertFalse(Files.exists(never));
    }
}
