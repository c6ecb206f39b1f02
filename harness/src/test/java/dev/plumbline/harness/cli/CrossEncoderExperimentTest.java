package dev.plumbline.harness.cli;

import dev.plumbline.engines.onnx.GeneratedBert;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.harness.CliRunner;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code cross-encoder} reranker in an experiment file, configured as {@code maxsim} is, over a
 * small generated sequence-classification model (no cross-encoder weights are reachable here):
 * the reranked cell runs, reorders the top {@code depth} only and records the model's digest.
 */
class CrossEncoderExperimentTest {
    @TempDir
    Path dir;

    @Test
    void aCrossEncoderRerankerRunsInAnExperiment() throws IOException {
        Path model = Files.createDirectories(dir.resolve("xenc"));
        Files.write(model.resolve("model.onnx"), GeneratedBert.write(new GeneratedBert.Spec(30522, 36, 3, 53, 2, 64, 1,
                GeneratedBert.Head.BERT_GEMM, 5)));
        Files.write(model.resolve("tokenizer.json"), ModelRegistry.get("minilm-l6").load().tokenizerJson());
        Path experiment = dir.resolve("xenc.yaml");
        Files.writeString(experiment, """
                name: xenc
                datasets: [builtin:demo]
                retrievers:
                  bm25: {type: bm25}
                rerankers:
                  - {name: xenc, type: cross-encoder, path: MODEL, depth: 5, threads: 1}
                retrieval: {k: 20}
                metrics: {ir: [ndcg_cut.10]}
                latency: {warmup: 0}
                cache: false
                output: {reports: [md]}
                """.replace("MODEL", model.toString()));
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("run", experiment.toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.stderr());
        Results results = ResultsJson.read(out.resolve("results.json"));
        List<String> names = results.engines().stream().map(EngineRun::engine).toList();
        assertTrue(names.contains("bm25") && names.contains("bm25~xenc"), names.toString());
        String json = Files.readString(out.resolve("results.json"));
        assertTrue(json.contains("\"rerank.onnx_sha256\""), "the model's digest is in provenance");

        Map<String, List<String>> plain = run(out.resolve("runs/bm25.trec"));
        Map<String, List<String>> reranked = run(out.resolve("runs/bm25~xenc.trec"));
        assertEquals(plain.keySet(), reranked.keySet());
        int changed = 0;
        for (String q : plain.keySet()) {
            List<String> a = plain.get(q);
            List<String> b = reranked.get(q);
            int depth = Math.min(5, a.size());
            assertEquals(new java.util.TreeSet<>(a.subList(0, depth)), new java.util.TreeSet<>(b.subList(0, depth)), q);
            assertEquals(a.subList(depth, a.size()), b.subList(depth, b.size()), "below depth nothing moves: " + q);
            changed += a.subList(0, depth).equals(b.subList(0, depth)) ? 0 : 1;
        }
        assertNotEquals(0, changed, "the reranker reorders some query's top 5");
    }

    /** Document ids per query, in rank order. */
    private static Map<String, List<String>> run(Path trec) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(trec)) {
            String[] f = line.split("\\s+");
            out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[2]);
        }
        return out;
    }

    @Test
    void aMissingPathIsAKeyPathError() throws IOException {
        Path experiment = dir.resolve("bad.yaml");
        Files.writeString(experiment, """
                datasets: [builtin:demo]
                retrievers:
                  bm25: {type: bm25}
                rerankers:
                  - {name: xenc, type: cross-encoder}
                """);
        CliRunner.Result r = CliRunner.run("run", experiment.toString(), "--out", dir.resolve("o").toString(), "-q");
        assertNotEquals(0, r.exitCode());
        assertTrue(r.stderr().contains("rerankers[0].path: required: the cross-encoder model, a directory with"
                + " model.onnx and tokenizer.json, or an .onnx file with tokenizer.json beside it"), r.stderr());
    }
}
