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
        Path beir = tinyBeir();
        Path run = dir.resolve("run.trec");
        CliRunner.Result r = CliRunner.run("retrieve", "--dataset", "beir:" + beir, "--engine", "onnxruntime",
                "--k", "2", "--out", run.toString(), "--no-cache", "--eval", "--threads", "1");
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> lines = Files.readAllLines(run);
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("q1 Q0 d1 1 "), lines.get(0));
        assertTrue(lines.get(2).startsWith("q2 Q0 d2 1 "), lines.get(2));
        assertTrue(r.stdout().contains("ndcg_cut_10           \tall\t1.0000"), r.stdout());
    }

    @Test
    void modelPathLoadsAnOnnxExportFromDisk() throws IOException {
        Path beir = tinyBeir();
        dev.plumbline.engines.model.ModelFiles files = dev.plumbline.engines.model.ModelRegistry.get("minilm-l6").load();
        Path model = Files.createDirectories(dir.resolve("my-model"));
        Files.write(model.resolve("model.onnx"), files.onnx());
        Files.write(model.resolve("tokenizer.json"), files.tokenizerJson());
        Path fromDisk = dir.resolve("disk.trec");
        Path builtIn = dir.resolve("builtin.trec");
        CliRunner.Result a = CliRunner.run("retrieve", "--dataset", "beir:" + beir, "--engine", "onnxruntime",
                "--model-path", model.toString(), "--max-tokens", "256", "--k", "3", "--out", fromDisk.toString(),
                "--no-cache", "--threads", "1");
        assertEquals(0, a.exitCode(), a.stderr());
        CliRunner.Result b = CliRunner.run("retrieve", "--dataset", "beir:" + beir, "--engine", "onnxruntime",
                "--model", "minilm-l6", "--k", "3", "--out", builtIn.toString(), "--no-cache", "--threads", "1");
        assertEquals(0, b.exitCode(), b.stderr());
        List<String> x = Files.readAllLines(fromDisk);
        List<String> y = Files.readAllLines(builtIn);
        assertEquals(y.size(), x.size());
        for (int i = 0; i < x.size(); i++) {
            // Same model, same ranking and scores; only the run tag names the model differently.
            assertEquals(y.get(i).substring(0, y.get(i).lastIndexOf(' ')), x.get(i).substring(0, x.get(i).lastIndexOf(' ')));
        }
        CliRunner.Result missing = CliRunner.run("retrieve", "--dataset", "beir:" + beir, "--model-path",
                dir.resolve("nope").toString(), "--out", dir.resolve("x.trec").toString());
        assertEquals(2, missing.exitCode(), missing.stderr());
    }

    @Test
    void bm25AndHybridRetrieveAndHybridEqualsFuseOfItsParts() throws IOException {
        Path beir = tinyBeir();
        Path bm25 = dir.resolve("bm25.trec");
        Path dense = dir.resolve("dense.trec");
        Path hybrid = dir.resolve("hybrid.trec");
        CliRunner.Result r = CliRunner.run("retrieve", "--dataset", "beir:" + beir, "--retriever", "bm25", "--k", "3",
                "--out", bm25.toString(), "--eval", "--threads", "1");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(Files.readAllLines(bm25).get(0).startsWith("q1 Q0 d1 1 "), Files.readString(bm25));
        assertTrue(r.stdout().contains("ndcg_cut_10           \tall\t1.0000"), r.stdout());
        r = CliRunner.run("retrieve", "--dataset", "beir:" + beir, "--engine", "onnxruntime", "--k", "3",
                "--out", dense.toString(), "--no-cache", "--threads", "1");
        assertEquals(0, r.exitCode(), r.stderr());
        r = CliRunner.run("retrieve", "--dataset", "beir:" + beir, "--retriever", "hybrid", "--of", "bm25,dense",
                "--fusion", "rrf", "--engine", "onnxruntime", "--k", "3", "--out", hybrid.toString(), "--no-cache",
                "--threads", "1");
        assertEquals(0, r.exitCode(), r.stderr());
        // Every part retrieves the whole corpus (3 documents), so fusing their run files gives the hybrid's run.
        CliRunner.Result fused = CliRunner.run("fuse", bm25.toString(), dense.toString(), "--method", "rrf",
                "--tag", "plumbline-hybrid-rrf");
        assertEquals(0, fused.exitCode(), fused.stderr());
        assertEquals(Files.readString(hybrid), fused.stdout());
        CliRunner.Result bad = CliRunner.run("retrieve", "--dataset", "beir:" + beir, "--fusion", "rrf",
                "--out", hybrid.toString());
        assertEquals(2, bad.exitCode());
        assertEquals("plumbline: --fusion applies only with --retriever hybrid\n", bad.stderr());
    }

    @Test
    void identicalIdsAreDroppedForBeirUnlessKept() throws IOException {
        Path beir = tinyBeir();
        // A document whose id is a query's id, as ArguAna's queries are corpus documents.
        Files.writeString(beir.resolve("corpus.jsonl"), Files.readString(beir.resolve("corpus.jsonl"))
                + "{\"_id\": \"q1\", \"title\": \"\", \"text\": \"Does aspirin prevent heart attacks?\"}\n");
        Path dropped = dir.resolve("dropped.trec");
        Path kept = dir.resolve("kept.trec");
        CliRunner.Result a = CliRunner.run("retrieve", "--dataset", "beir:" + beir, "--retriever", "bm25", "--k", "2",
                "--out", dropped.toString());
        CliRunner.Result b = CliRunner.run("retrieve", "--dataset", "beir:" + beir, "--retriever", "bm25", "--k", "2",
                "--out", kept.toString(), "--keep-identical-ids");
        assertEquals(0, a.exitCode(), a.stderr());
        assertEquals(0, b.exitCode(), b.stderr());
        // BM25 matches q1 with d1 and the query's own document, q2 with d2 only.
        assertTrue(Files.readAllLines(kept).get(0).startsWith("q1 Q0 q1 1 "), Files.readString(kept));
        assertEquals(3, Files.readAllLines(kept).size(), Files.readString(kept));
        List<String> d = Files.readAllLines(dropped);
        assertEquals(2, d.size());
        assertTrue(d.get(0).startsWith("q1 Q0 d1 1 ") && d.stream().noneMatch(l -> l.startsWith("q1 Q0 q1 ")), d.toString());
    }

    private Path tinyBeir() throws IOException {
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
        return beir;
    }
}
