package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import dev.plumbline.harness.cross.LocalCrossModel;
import dev.plumbline.metrics.rag.Judgment;
import dev.plumbline.metrics.rag.RagInput;
import dev.plumbline.metrics.rag.cross.CrossJudge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code judge-train} on the built-in demo, a few steps on the real base model: the same seed writes
 * the same adapter bytes, another seed other bytes; what it writes opens as a working
 * {@code local-cross} judge; held-out datasets are refused.
 */
class JudgeTrainCommandTest {
    @TempDir
    Path dir;

    private CliRunner.Result train(Path out, String seed) {
        return CliRunner.run("judge-train", "--labelled", "builtin:demo", "--passages", "builtin:demo",
                "--passages-per-dataset", "40", "--max-steps", "3", "--batch", "4", "--max-tokens", "96",
                "--threads", "2", "--seed", seed, "--out", out.toString());
    }

    @Test
    void theSameSeedWritesTheSameAdapterAndItJudges() throws IOException {
        CliRunner.Result a = train(dir.resolve("a"), "7");
        assertEquals(0, a.exitCode(), a.stderr());
        CliRunner.Result b = train(dir.resolve("b"), "7");
        assertEquals(0, b.exitCode(), b.stderr());
        CliRunner.Result c = train(dir.resolve("c"), "8");
        assertEquals(0, c.exitCode(), c.stderr());
        byte[] first = Files.readAllBytes(dir.resolve("a/minilm-l6.lora"));
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("b/minilm-l6.lora")), "same seed, same bytes");
        assertFalse(java.util.Arrays.equals(first, Files.readAllBytes(dir.resolve("c/minilm-l6.lora"))),
                "another seed, another adapter");
        String props = Files.readString(dir.resolve("a/local-cross.properties"));
        assertTrue(props.contains("# The local-cross detector, written by: plumbline judge-train --labelled builtin:demo"),
                props);
        assertTrue(props.contains("builtin:demo sha256:"), "the data's fingerprint is recorded");
        assertTrue(props.contains("training_data_sha256="), props);

        LocalCrossModel model = LocalCrossModel.of(dir.resolve("a"));
        try (CrossJudge judge = model.open(1)) {
            assertEquals("minilm-l6+lora:" + model.adapterSha256(), judge.identity().model());
            RagInput in = new RagInput("s", "Where was Ada born?", "Ada was born in London.",
                    List.of("Ada Lovelace was born in London in 1815 and died there in 1852."), null);
            Judgment j = judge.judge(in);
            double p = j.answerClaims().get(0).score();
            assertTrue(p > 0 && p < 1, "a probability: " + p);
            assertEquals(j, judge.judgeAll(List.of(in, in)).get(1), "the same verdict in a batch");
        }
    }

    @Test
    void heldOutDatasetsAreRefused() {
        for (String spec : List.of("begin:x.tsv", "beir:../shared/datasets/scifact", "truthfulqa:x.csv")) {
            CliRunner.Result r = CliRunner.run("judge-train", "--passages", spec, "--out", dir.toString());
            assertEquals(2, r.exitCode(), spec);
            assertTrue(r.stderr().contains("held out for evaluation only"), r.stderr());
        }
    }
}
