package dev.plumbline.harness.rerank;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.plumbline.engines.rerank.Reranker;
import dev.plumbline.engines.rerank.Rerankers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The llm reranker against a loopback server replaying one reply per request. */
class LlmRerankerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private final Deque<String[]> replies = new ArrayDeque<>();
    private final List<String> prompts = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            prompts.add(JSON.readTree(exchange.getRequestBody().readAllBytes()).path("messages").path(0).path("content")
                    .asText());
            String[] next;
            synchronized (replies) {
                next = replies.pop();
            }
            String body = next[0].equals("200") ? JSON.createObjectNode().set("choices", JSON.createArrayNode()
                    .add(JSON.createObjectNode().set("message", JSON.createObjectNode().put("content", next[1]))))
                    .toString() : "{}";
            byte[] out = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(Integer.parseInt(next[0]), out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void reply(String status, String content) {
        synchronized (replies) {
            replies.add(new String[] {status, content});
        }
    }

    private Reranker open(String mode) throws IOException {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("mode", mode);
        o.put("base_url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        o.put("model", "m");
        o.put("api_key_env", "none");
        o.put("retries", "0");
        o.put("cache_dir", "none");
        return Rerankers.open(Rerankers.config("judge-rerank", "llm", "rerankers[0]", o));
    }

    @Test
    void pointwiseScoresEachCandidateAndCountsWhatFails() throws IOException {
        try (Reranker r = open("pointwise")) {
            reply("200", "{\"score\": 7}");
            reply("500", "");
            reply("200", "{\"score\": \"high\"}");
            reply("200", "{\"score\": 2.5}");
            double[] s = r.scores("salmon", List.of("a", "b", "c", "d"));
            assertEquals(7.0, s[0]);
            assertTrue(Double.isNaN(s[1]) && Double.isNaN(s[2]), java.util.Arrays.toString(s));
            assertEquals(2.5, s[3]);
            assertEquals(Map.of("HTTP 500", 1, "unusable reply", 1), r.failures());
            assertTrue(prompts.get(0).contains("Query: salmon") && prompts.get(0).contains("Passage: a"));
        }
    }

    @Test
    void listwiseOrdersByTheReplyAndLeftOutCandidatesGoLast() throws IOException {
        try (Reranker r = open("listwise")) {
            reply("200", "{\"ranking\": [3, 1]}");
            assertArrayEquals(new double[] {2, -2, 3}, r.scores("q", List.of("x", "y", "z")));
            assertTrue(prompts.get(0).contains("[1] x\n[2] y\n[3] z") && prompts.get(0).contains("Below are 3"));
            reply("200", "not json");
            double[] s = r.scores("q", List.of("x", "y"));
            assertTrue(Double.isNaN(s[0]) && Double.isNaN(s[1]));
            assertEquals(Map.of("unusable reply", 1), r.failures());
        }
        assertEquals("rerankers[0].mode: must be pointwise or listwise, got 'pairwise'",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> Rerankers.check(Rerankers.config("x", "llm", "rerankers[0]", Map.of("mode", "pairwise",
                                "base_url", "http://127.0.0.1:1/v1", "model", "m", "api_key_env", "none"))))
                        .getMessage());
    }
}
