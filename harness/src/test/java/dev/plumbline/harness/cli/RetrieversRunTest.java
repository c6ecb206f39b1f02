package dev.plumbline.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One {@code plumbline run} with bm25, dense and hybrid retrievers: one cell each, labelled by
 * name in results and reports, each stage recorded (absent where it did not run), and the hybrid
 * cell's run equal to {@code plumbline fuse} over its parts' runs.
 */
class RetrieversRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void bm25DenseAndHybridSideBySide() throws IOException {
        Path experiment = dir.resolve("x.yaml");
        // k = the corpus size (300), so every part's run holds all it retrieved and fuse sees the hybrid's inputs.
        Files.writeString(experiment, """
                name: side-by-side
                datasets: [builtin:demo]
                retrievers:
                  bm25: {type: bm25}
                  minilm: {type: dense, model: minilm-l6, engine: simd, threads: 1, index: {name: flat}}
                  hyb: {type: hybrid, of: [bm25, minilm], method: rrf, k: 60}
                retrieval: {k: 300}
                metrics: {ir: [ndcg_cut.10, recall.100]}
                judge: local-lexical
                latency: {warmup: 5}
                output: {reports: [md]}
                """);
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("run", experiment.toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
        List<String> names = new ArrayList<>();
        results.path("engines").forEach(e -> names.add(e.path("name").asText()));
        assertEquals(List.of("bm25", "minilm", "hyb", "judge-local-lexical"), names);
        JsonNode bm25 = results.path("engines").path(0).path("runValues");
        JsonNode minilm = results.path("engines").path(1).path("runValues");
        JsonNode hyb = results.path("engines").path(2).path("runValues");
        // BM25 encodes nothing and holds no model: those stages are absent, not zeros.
        assertFalse(bm25.has("encode_docs.calls"), bm25.toString());
        assertFalse(bm25.has("memory.weight_bytes"), bm25.toString());
        assertTrue(bm25.path("memory.index_bytes").asDouble() > 0);
        assertTrue(bm25.path("search.calls").asDouble() > 0);
        assertEquals(300 * 384 * 4, minilm.path("memory.index_bytes").asDouble());
        assertTrue(minilm.path("query_encode.calls").asDouble() > 0);
        for (String stage : List.of("bm25.search", "minilm.query_encode", "minilm.search", "fuse", "query")) {
            assertTrue(hyb.path(stage + ".calls").asDouble() > 0, stage + " in " + hyb);
        }
        assertEquals(bm25.path("memory.index_bytes").asDouble() + minilm.path("memory.index_bytes").asDouble(),
                hyb.path("memory.index_bytes").asDouble());
        String provenance = results.path("provenance").toString();
        assertTrue(provenance.contains("hybrid rrf k=60 depth=1000 of [bm25: bm25 k1=0.9 b=0.4"), provenance);
        assertTrue(provenance.contains("\"ignore_identical_ids\":\"false\""), provenance);
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| bm25 | minilm | hyb |"), md);
        // The hybrid cell is plumbline fuse over its parts' run files.
        CliRunner.Result fused = CliRunner.run("fuse", out.resolve("runs/bm25.trec").toString(),
                out.resolve("runs/minilm.trec").toString(), "--method", "rrf", "--depth", "300", "--tag", "plumbline-hyb");
        assertEquals(0, fused.exitCode(), fused.stderr());
        assertEquals(Files.readString(out.resolve("runs/hyb.trec")), fused.stdout());
    }
}
