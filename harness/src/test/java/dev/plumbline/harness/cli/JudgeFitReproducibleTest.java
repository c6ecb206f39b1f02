package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The shipped local-judge parameters (both modes) are exactly what the committed fitting procedure
 * produces from the fitting data (HaluEval QA, fitting part, and builtin:demo): rerunning it must
 * reproduce the file's parameters and fit figures.
 */
@Tag("real-data")
class JudgeFitReproducibleTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"local, local-judge.properties", "local-lexical, local-lexical-judge.properties"})
    void refittingReproducesTheShippedParameters(String judge, String resource) throws IOException {
        Path halueval = Path.of(System.getProperty("plumbline.shared", "../../shared")).resolve("datasets/halueval");
        Path out = dir.resolve(resource);
        // The same arguments (relative paths included) as recorded in the shipped file's header.
        CliRunner.Result r = CliRunner.run("judge-fit", "--judge", judge,
                "--dataset", "halueval:../shared/datasets/halueval/qa_one-turn_data.json",
                "--dataset", "halueval:../shared/datasets/halueval/qa_multi-turn_data.json",
                "--dataset", "builtin:demo", "--out", out.toString());
        if (r.exitCode() != 0) {
            // Run from the module folder, ../shared is one level further up.
            r = CliRunner.run("judge-fit", "--judge", judge,
                    "--dataset", "halueval:" + halueval.resolve("qa_one-turn_data.json"),
                    "--dataset", "halueval:" + halueval.resolve("qa_multi-turn_data.json"),
                    "--dataset", "builtin:demo", "--out", out.toString());
        }
        assertEquals(0, r.exitCode(), r.stderr());
        try (InputStream in = getClass().getResourceAsStream("/" + resource)) {
            assertNotNull(in);
            assertEquals(parameterLines(new String(in.readAllBytes(), StandardCharsets.UTF_8)),
                    parameterLines(Files.readString(out)));
        }
    }

    /** The parameter lines and the fit figures; the header's dataset paths may differ by folder. */
    private static String parameterLines(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.startsWith("# Local judge parameters, written by") && !line.startsWith("# halueval:")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
