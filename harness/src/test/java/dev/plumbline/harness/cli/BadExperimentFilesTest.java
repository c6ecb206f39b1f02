package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code plumbline run} on broken experiment files: exit 2, one line naming the file (with its
 * line, or the key path) and what is allowed, no stack trace, and nothing written: a new output
 * folder is not created, and an earlier run's results (even under {@code --force}) are untouched.
 * The exact messages are pinned in {@code ExperimentParserTest}.
 */
class BadExperimentFilesTest {
    private static final String OK = "datasets: [builtin:demo]\nengines: [{name: simd, threads: 1}]\n";

    @TempDir
    Path dir;

    static Stream<Arguments> badFiles() {
        StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + (char) (c - 1) + ", ").repeat(8))
                    .append('*').append((char) (c - 1)).append("]\n");
        }
        return Stream.of(
                Arguments.of("malformed YAML", "datasets: [builtin:demo\nengines: [simd]\n", ":2:8: not valid YAML: "),
                Arguments.of("alias bomb", bomb + OK, ":2: YAML alias *a is not supported"),
                Arguments.of("nesting bomb", "datasets: " + "[".repeat(5000) + "]".repeat(5000) + "\n",
                        ": nested deeper than 32 levels"),
                Arguments.of("duplicate key", OK + "datasets: [beir:x]\n", ":3: key 'datasets' is given twice"),
                Arguments.of("unknown key", OK + "engine: simd\n", ": unknown key 'engine'; allowed keys: "),
                Arguments.of("wrong type", OK + "retrieval: {k: ten}\n", ": retrieval.k: must be an integer from 1"),
                Arguments.of("k too large", OK + "retrieval: {k: 1000000000000}\n",
                        ": retrieval.k: must be an integer from 1 to 100000, got 1000000000000"),
                Arguments.of("threads -1", "datasets: [builtin:demo]\nengines: [{name: simd, threads: -1}]\n",
                        ": engines[0].threads: must be an integer from 1 to 1024, got -1"),
                Arguments.of("batch_size 0", "datasets: [builtin:demo]\nengines: [{name: simd, batch_size: 0}]\n",
                        ": engines[0].batch_size: must be an integer from 1 to 4096, got 0"),
                Arguments.of("max_seq_length too long", OK.replace("threads: 1", "max_seq_length: 4096"),
                        ": engines[0].max_seq_length: must be an integer from 3 to 512, got 4096"),
                Arguments.of("invalid UTF-8", "name: \u00ff\n", ": not valid UTF-8"),
                Arguments.of("not a mapping", "- simd\n", ": an experiment file must be a mapping"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void exitsTwoWithOneLineAndWritesNothing(String what, String text, String expected) throws IOException {
        Path file = dir.resolve("x.yaml");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (what.equals("invalid UTF-8")) {
            bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        }
        Files.write(file, bytes);
        Path fresh = dir.resolve("fresh");
        check(CliRunner.run("run", file.toString(), "--out", fresh.toString()), file, expected);
        assertFalse(Files.exists(fresh), "an output folder was created");

        Path earlier = Files.createDirectories(dir.resolve("earlier"));
        byte[] results = "{\"earlier\": true}\n".getBytes(StandardCharsets.UTF_8);
        Files.write(earlier.resolve("results.json"), results);
        check(CliRunner.run("run", file.toString(), "--out", earlier.toString(), "--force"), file, expected);
        assertArrayEquals(results, Files.readAllBytes(earlier.resolve("results.json")));
        try (Stream<Path> files = Files.list(earlier)) {
            assertEquals(1, files.count(), "something was written into the earlier run's folder");
        }
    }

    private static void check(CliRunner.Result r, Path file, String expected) {
        String err = r.stderr().replace("WARNING: Using incubator modules: jdk.incubator.vector\n", "");
        assertEquals(2, r.exitCode(), err);
        assertTrue(err.startsWith("plumbline: " + file + expected), err);
        assertEquals(1, err.lines().count(), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        assertEquals("", r.stdout());
    }
}
