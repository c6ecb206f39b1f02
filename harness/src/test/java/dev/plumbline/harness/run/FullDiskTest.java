package dev.plumbline.harness.run;

import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A disk that fills up while the results are written: the write of {@code results.json} fails
 * half way (an injected {@link Checkpoints.FileWriter} writes half the bytes, then throws what
 * the file system would). The earlier results document and its items file stay byte-identical,
 * no temporary file is left, and the command exits 2 with one line.
 */
class FullDiskTest {
    @TempDir
    Path dir;

    /** Shared, so only the first test encodes the demo corpus. */
    @TempDir
    static Path cache;

    private final Checkpoints.FileWriter real = Checkpoints.writer;

    @AfterEach
    void restore() {
        Checkpoints.writer = real;
    }

    @Test
    void aFailedResultsWriteKeepsTheEarlierResultsIntact() throws IOException {
        Path experiment = dir.resolve("exp.yaml");
        Files.writeString(experiment, """
                datasets: [builtin:demo]
                engines: [{name: simd, threads: 1}]
                judge: local-lexical
                latency: {warmup: 0}
                cache_dir: %s
                output: {reports: [md]}
                """.formatted(cache));
        Path out = dir.resolve("out");
        CliRunner.Result first = CliRunner.run("run", experiment.toString(), "--out", out.toString(), "-q");
        assertEquals(0, first.exitCode(), first.stderr());
        byte[] document = Files.readAllBytes(out.resolve("results.json"));
        byte[] items = Files.readAllBytes(out.resolve("results.items.jsonl"));

        Checkpoints.writer = (file, bytes) -> {
            if (file.getFileName().toString().startsWith("results.json")) {
                real.write(file, Arrays.copyOf(bytes, bytes.length / 2));
                throw new IOException("No space left on device");
            }
            real.write(file, bytes);
        };
        CliRunner.Result full = CliRunner.run("run", experiment.toString(), "--out", out.toString(), "--force", "-q");
        String err = full.stderr().replace("WARNING: Using incubator modules: jdk.incubator.vector\n", "");
        assertEquals(2, full.exitCode(), err);
        assertEquals("plumbline: cannot write " + out.resolve("results.json") + ": No space left on device; the"
                + " earlier file, if any, is unchanged\n", err);
        assertArrayEquals(document, Files.readAllBytes(out.resolve("results.json")));
        assertArrayEquals(items, Files.readAllBytes(out.resolve("results.items.jsonl")));
        try (Stream<Path> files = Files.walk(out)) {
            List<Path> tmp = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            assertTrue(tmp.isEmpty(), "temporary files left: " + tmp);
        }
    }

    @Test
    void aFailedCheckpointWriteLeavesNoHalfCheckpoint() throws IOException {
        Path experiment = dir.resolve("exp.yaml");
        Files.writeString(experiment, """
                datasets: [builtin:demo]
                engines: [{name: simd, threads: 1}]
                judge: local-lexical
                latency: {warmup: 0}
                cache_dir: %s
                output: {reports: [md]}
                """.formatted(cache));
        Checkpoints.writer = (file, bytes) -> {
            if (file.getFileName().toString().startsWith("cell-001.json")) {
                throw new IOException("No space left on device");
            }
            real.write(file, bytes);
        };
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("run", experiment.toString(), "--out", out.toString(), "-q");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(Files.exists(out.resolve("checkpoint/cell-000.json")));
        assertFalse(Files.exists(out.resolve("checkpoint/cell-001.json")));
        assertFalse(Files.exists(out.resolve("checkpoint/cell-001.items.jsonl")));
        assertFalse(Files.exists(out.resolve("results.json")));
        // The finished cell is kept: the run resumes once there is room again.
        Checkpoints.writer = real;
        CliRunner.Result resumed = CliRunner.run("run", "--resume", out.toString());
        assertEquals(0, resumed.exitCode(), resumed.stderr());
        assertTrue(resumed.stderr().contains("simd/minilm-l6: read back from its checkpoint"), resumed.stderr());
    }
}
