package dev.plumbline.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.plumbline.harness.CliRunner;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One experiment, one command: two chunkings × two retrievers × (none, an llm reranker), each
 * cell's own contexts answered by the extractive generator and by an llm generator, judged, and
 * compared in the report's chunking table and leaderboard. The LLM is a loopback server: the
 * reranker's prompt gets a score from word overlap, the generator's an answer, and every fifth
 * generation request a 500 (not retried), which the cells must count, not drop.
 */
class RagExperimentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String reply(String content) {
        return JSON.createObjectNode().set("choices", JSON.createArrayNode().add(JSON.createObjectNode()
                .set("message", JSON.createObjectNode().put("role", "assistant").put("content", content)))).toString();
    }

    @Test
    void twoChunkersTwoRetrieversAndARerankerInOneRun() throws IOException {
        AtomicInteger generations = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/v1/chat/completions", exchange -> {
            String prompt = JSON.readTree(exchange.getRequestBody().readAllBytes()).path("messages").path(0)
                    .path("content").asText();
            int status = 200;
            String body;
            if (prompt.startsWith("How well does the passage answer")) {
                String query = prompt.substring(prompt.indexOf("Query: ") + 7, prompt.indexOf("\n\nPassage: "));
                String passage = prompt.substring(prompt.indexOf("Passage: ") + 9).toLowerCase(Locale.ROOT);
                long shared = List.of(query.toLowerCase(Locale.ROOT).split("\\W+")).stream()
                        .filter(w -> w.length() > 3 && passage.contains(w)).count();
                body = reply("{\"score\": " + Math.min(10, shared) + "}");
            } else if (generations.incrementAndGet() % 5 == 0) {
                status = 500;
                body = "{\"error\": \"overloaded\"}";
            } else {
                String contexts = prompt.substring(prompt.indexOf("[1] ") + 4);
                body = reply(contexts.substring(0, Math.max(1, contexts.indexOf('.') + 1)));
            }
            byte[] out = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
            Path experiment = dir.resolve("rag.yaml");
            Files.writeString(experiment, """
                    name: rag-ii
                    datasets: [builtin:demo]
                    retrievers:
                      bm25: {type: bm25}
                      minilm: {type: dense, model: minilm-l6, engine: simd, index: flat}
                    chunking:
                      - none
                      - {name: sent2, type: sentence, sentences: 2}
                    rerankers:
                      - {name: llm-point, type: llm, base_url: URL, model: m, api_key_env: none, depth: 5, retries: 0, cache_dir: none}
                    generators:
                      - extractive
                      - {name: llm-gen, type: llm, base_url: URL, model: m, api_key_env: none, retries: 0, cache_dir: none, contexts: 2}
                    retrieval: {k: 20}
                    metrics: {ir: [ndcg_cut.10, recall.100]}
                    judge: local-lexical
                    latency: {warmup: 2}
                    cache: false
                    output: {reports: [md]}
                    """.replace("URL", url));
            Path out = dir.resolve("out");
            CliRunner.Result r = CliRunner.run("run", experiment.toString(), "--out", out.toString(), "-q");
            assertEquals(0, r.exitCode(), r.stderr());
            Results results = ResultsJson.read(out.resolve("results.json"));
            List<String> names = results.engines().stream().map(EngineRun::engine).toList();
            List<String> retrieval = List.of("bm25", "bm25~llm-point", "bm25@sent2", "bm25@sent2~llm-point", "minilm",
                    "minilm~llm-point", "minilm@sent2", "minilm@sent2~llm-point");
            assertEquals(retrieval, names.subList(0, 8));
            for (String cell : retrieval) {
                assertTrue(names.contains(cell + "+extractive") && names.contains(cell + "+llm-gen"), cell);
                assertTrue(Files.exists(out.resolve("runs").resolve(cell + ".trec")), cell);
                assertEquals(190, results.aggregate(cell, "ndcg_cut_10").count());
            }
            assertEquals(0.0, results.engine("bm25~llm-point").runValues().get("rerank.failed"));
            assertTrue(results.engine("minilm@sent2").runValues().get("chunking.chunks_per_doc") > 1);
            // Every failed generation is counted and fails its query's metrics; none is averaged in.
            int failedTotal = 0;
            for (String cell : retrieval) {
                EngineRun llm = results.engine(cell + "+llm-gen");
                double failed = llm.runValues().get("generate.failed");
                assertEquals(failed, llm.runValues().getOrDefault("generate.failed.HTTP_500", 0.0));
                assertEquals((int) failed, results.aggregate(cell + "+llm-gen", "hallucinated").failed());
                assertEquals((int) failed, results.aggregate(cell + "+llm-gen", "faithfulness").failed());
                failedTotal += (int) failed;
                assertEquals(0.0, results.engine(cell + "+extractive").runValues().get("generate.failed"));
            }
            assertEquals(8 * 190 / 5, failedTotal, "every fifth of the 1,520 generations failed");
            String md = Files.readString(out.resolve("summary.md"));
            assertTrue(md.contains("### Chunking: retriever × chunker × reranker"), md);
            assertTrue(md.contains("| minilm | sent2 (maxp) | llm-point | "), md);
            assertTrue(md.contains("### Leaderboard: generator × retriever"), md);
            // Markdown escapes the tilde of a reranked cell's name.
            assertTrue(md.contains("| llm-gen | minilm@sent2\\~llm-point | "), md);
            JsonNode contexts = JSON.readTree(Files.readAllLines(out.resolve("runs/minilm@sent2.contexts.jsonl")).get(0));
            JsonNode first = contexts.path("contexts").path(0);
            String doc = first.path("doc").asText();
            String text = first.path("text").asText();
            assertTrue(!text.isEmpty() && first.path("end").asInt() - first.path("start").asInt() == text.length(), doc);
        } finally {
            server.stop(0);
        }
    }
}
