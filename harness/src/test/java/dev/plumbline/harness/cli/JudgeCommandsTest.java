package dev.plumbline.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumbline.harness.CliRunner;
import dev.plumbline.metrics.rag.local.LocalJudgeParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** judge, judge-eval and judge-fit on the built-in demo set (no external data). */
class JudgeCommandsTest {
    @TempDir
    Path dir;

    @Test
    void judgeWritesEverySampleWithVerdictsAndASummaryThatCountsEverything() throws IOException {
        CliRunner.Result r = CliRunner.run("judge", "--dataset", "builtin:demo", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> lines = Files.readAllLines(dir.resolve("samples.jsonl"));
        assertEquals(160, lines.size());
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertTrue(first.path("answer_claims").isArray() && first.path("answer_claims").size() > 0, lines.get(0));
        JsonNode summary = json.readTree(dir.resolve("summary.json").toFile());
        for (String m : List.of("faithfulness", "answer_relevance", "context_precision", "context_recall")) {
            JsonNode s = summary.path("metrics").path(m);
            assertEquals(160, s.path("n").asInt() + s.path("undefined").asInt() + s.path("failed").asInt(), m);
            assertTrue(s.path("ci95_low").asDouble() <= s.path("mean").asDouble()
                    && s.path("mean").asDouble() <= s.path("ci95_high").asDouble(), m);
        }
        assertEquals("local", summary.path("judge").path("name").asText());
        assertTrue(r.stdout().contains("faithfulness"), r.stdout());
    }

    @Test
    void judgingIsDeterministicOnAnyThreadCount() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, CliRunner.run("judge", "--dataset", "builtin:demo", "--judge-threads", "2", "--out",
                a.toString()).exitCode());
        assertEquals(0, CliRunner.run("judge", "--dataset", "builtin:demo", "--judge-threads", "1", "--out",
                b.toString()).exitCode());
        assertEquals(Files.readString(a.resolve("samples.jsonl")), Files.readString(b.resolve("samples.jsonl")));
        assertTrue(Files.readString(a.resolve("samples.jsonl")).contains("similarity"), "embedding mode by default");
    }

    @Test
    void judgeEvalPrintsDetectionFiguresWithIntervals() {
        CliRunner.Result r = CliRunner.run("judge-eval", "--dataset", "builtin:demo", "--resamples", "200");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("160 labelled samples (80 hallucinated)"), r.stdout());
        assertTrue(r.stdout().matches("(?s).*AUROC\\s+0\\.\\d{4}\\s+95% CI \\[0\\.\\d{4}, [01]\\.\\d{4}].*"), r.stdout());
        // The word-overlap floor on the same samples, AUROC only, after the judge's figures.
        assertTrue(r.stdout().matches("(?s).*recall.*overlap baseline \\(share of the answer's content words in no"
                + " context\\):\\s+AUROC\\s+[01]\\.\\d{4}\\s+95% CI.*"), r.stdout());
    }

    @Test
    void judgeFitRefusesHeldOutSetsAndWritesLoadableParameters() throws IOException {
        CliRunner.Result refused = CliRunner.run("judge-fit", "--dataset", "begin:x.tsv", "--out", dir.resolve("p").toString());
        assertEquals(2, refused.exitCode());
        assertTrue(refused.stderr().contains("held out"), refused.stderr());
        Path out = dir.resolve("fit.properties");
        CliRunner.Result r = CliRunner.run("judge-fit", "--dataset", "builtin:demo", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        LocalJudgeParameters fitted = LocalJudgeParameters.parse(Files.readString(out), out.toString());
        assertEquals("minilm-l6", fitted.embeddingModel());
        Path lexical = dir.resolve("lexical.properties");
        assertEquals(0, CliRunner.run("judge-fit", "--judge", "local-lexical", "--dataset", "builtin:demo",
                "--out", lexical.toString()).exitCode());
        assertEquals(0.0, LocalJudgeParameters.parse(Files.readString(lexical), "lexical").embeddingWeight());
    }

    @Test
    void unknownJudgeOrMetricIsAUsageError() {
        assertEquals(2, CliRunner.run("judge", "--dataset", "builtin:demo", "--judge", "oracle", "--out", dir.toString()).exitCode());
        assertEquals(2, CliRunner.run("judge", "--dataset", "builtin:demo", "--metrics", "bleu", "--out", dir.toString()).exitCode());
        assertEquals(2, CliRunner.run("judge", "--dataset", "builtin:demo", "--judge", "llm", "--out", dir.toString()).exitCode());
    }
}
