package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnginesAndRetrieveTest {
    @TempDir
    Path dir;

    @Test
    void enginesListsAvailabilityAndModels() {
        CliRunner.Result r = CliRunner.run("engines");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("onnxruntime") && r.stdout().contains("available"), r.stdout());
        assertTrue(r.stdout().contains("minilm-l6"), r.stdout());
    }

    @Test
    void retrieveWritesATrecRunAndScoresIt() throws IOException {
        Path beir = dir.resolve("tiny");
        Files.createDirectories(beir.resolve("qrels"));
        Files.writeString(beir.resolve("corpus.jsonl"), String.join("\n",
                "{\"_id\": \"d1\", \"title\": \"Aspirin\", \"text\": \"Aspirin reduces the risk of heart attacks.\"}",
                "{\"_id\": \"d2\", \"title\": \"Rivers\", \"text\": \"The Nile is the longest river in Africa.\"}",
                "{\"_id\": \"d3\", \"title\": \"Volcanoes\", \"text\": \"Volcanic eruptions release ash and gas.\"}")
                + "\n");
        Files.writeString(beir.resolve("queries.jsonl"),
                "{\"_id\": \"q1\", \"text\": \"Does aspirin prevent heart attacks?\"}\n"
                        + "{\"_id\": \"q2\", \"text\": \"Which river is the longest in Africa?\"}\n");
        Files.writeString(beir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n");
        Path run = dir.resolve("run.trec");
        CliRunner.Result r = CliRunner.run("retrieve", "--dataset", "beir:" + beir, "--engine", "onnxruntime",
                "--k", "2", "--out", run.toString(), "--no-cache", "--eval", "--threads", "1");
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> lines = Files.readAllLines(run);
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("q1 Q0 d1 1 "), lines.get(0));
        assertTrue(lines.get(2).startsWith("q2 Q0 d2 1 "), lines.get(2));
        assertTrue(r.stdout().contains("ndcg_cut_10           \tall\t1.0000"), r.stdout());
        // The written run scores the same through trec-eval.
        CliRunner.Result te = CliRunner.run("trec-eval", "-c", "-m", "ndcg_cut.10", "-m", "recall.100", "-m", "recip_rank",
                beir.resolve("qrels/test.tsv").toString().replace("test.tsv", "trec.txt"), run.toString());
        assertEquals(2, te.exitCode(), "qrels in BEIR TSV form are not TREC qrels: " + te.stderr());
    }
}
