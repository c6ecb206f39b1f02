package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReproduceCommandTest {
    @TempDir
    Path dir;

    @Test
    void rerunningTheDemoExperimentReproducesEveryQualityMetric() {
        Path first = dir.resolve("first");
        CliRunner.Result run = CliRunner.run("run", "../examples/demo.yaml", "--out", first.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.stderr());
        CliRunner.Result again = CliRunner.run("reproduce", first.resolve("results.json").toString(),
                "--out", dir.resolve("again").toString(), "--quiet");
        assertEquals(0, again.exitCode(), again.stdout() + again.stderr());
        assertTrue(again.stdout().contains("reproduced: 0 quality metric(s) differ"), again.stdout());
        assertTrue(again.stdout().matches("(?s).*ndcg_cut_10\\s+identical.*"), again.stdout());
        assertTrue(again.stdout().matches("(?s).*faithfulness\\s+identical.*"), again.stdout());
    }

    @Test
    void aResultsFileWithoutItsExperimentIsBadInput() throws IOException {
        Path lonely = Files.createDirectories(dir.resolve("lonely"));
        Path results = lonely.resolve("results.json");
        Files.writeString(results, "{}");
        CliRunner.Result r = CliRunner.run("reproduce", results.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        CliRunner.Result missing = CliRunner.run("reproduce", dir.resolve("none.json").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.stderr().contains("no such results file"), missing.stderr());
    }
}
