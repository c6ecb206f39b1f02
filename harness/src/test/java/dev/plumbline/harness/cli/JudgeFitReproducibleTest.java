package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The shipped local-judge parameters are exactly what the committed fitting procedure produces
 * from the fitting data (HaluEval QA, fitting part, and builtin:demo): rerunning it must
 * reproduce the file byte for byte.
 */
@Tag("real-data")
class JudgeFitReproducibleTest {
    @TempDir
    Path dir;

    @Test
    void refittingReproducesTheShippedParameters() throws IOException {
        Path halueval = Path.of(System.getProperty("plumbline.shared", "../../shared")).resolve("datasets/halueval");
        Path out = dir.resolve("local-judge.properties");
        // The same arguments (relative paths included) as recorded in the shipped file's header.
        CliRunner.Result r = CliRunner.run("judge-fit",
                "--dataset", "halueval:../shared/datasets/halueval/qa_one-turn_data.json",
                "--dataset", "halueval:../shared/datasets/halueval/qa_multi-turn_data.json",
                "--dataset", "builtin:demo", "--out", out.toString());
        if (r.exitCode() != 0) {
            // Run from the module folder, ../shared is one level further up.
            r = CliRunner.run("judge-fit",
                    "--dataset", "halueval:" + halueval.resolve("qa_one-turn_data.json"),
                    "--dataset", "halueval:" + halueval.resolve("qa_multi-turn_data.json"),
                    "--dataset", "builtin:demo", "--out", out.toString());
        }
        assertEquals(0, r.exitCode(), r.stderr());
        try (InputStream in = getClass().getResourceAsStream("/local-judge.properties")) {
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
