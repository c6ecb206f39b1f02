package dev.plumbline.harness.rewrite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.plumbline.engines.retrieval.Corpus;
import dev.plumbline.engines.retrieval.Hits;
import dev.plumbline.engines.retrieval.Retriever;
import dev.plumbline.engines.retrieval.RetrieverConfig;
import dev.plumbline.engines.retrieval.RetrieverContext;
import dev.plumbline.engines.retrieval.Retrievers;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Multi-query (RAG-Fusion) and HyDE over BM25, against a loopback server replaying one reply per request. */
class QueryRewriteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Corpus CORPUS = new Corpus(List.of("d0", "d1", "d2"), List.of(
            "Salmon swim upstream to spawn in autumn.", "The ferry crossing carried many passengers.",
            "Fish ladders help migrating salmon past weirs."));
    private HttpServer server;
    private final Deque<String[]> replies = new ArrayDeque<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
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

    private Retriever open(String type) throws IOException {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("base_url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        o.put("model", "m");
        o.put("api_key_env", "none");
        o.put("retries", "0");
        o.put("cache_dir", "none");
        o.put("n", "2");
        RetrieverConfig bm25 = new RetrieverConfig("bm25", "bm25", "retrievers.bm25", Map.of(), List.of());
        return Retrievers.open(new RetrieverConfig("rw", type, "retrievers.rw", o, List.of(bm25)), CORPUS,
                RetrieverContext.DIRECT);
    }

    @Test
    void multiQueryFusesTheRewritesAndFallsBackToTheQueryWhenTheLlmFails() throws IOException {
        try (Retriever r = open("multi-query")) {
            // d2 is second for the query but in all three lists (first for "fish ladders weirs"), d0 first in
            // two: RRF puts d2 first (1/62 + 1/61 + 1/62 against 2/61), and d1, in none, not at all.
            reply("200", "{\"queries\": [\"fish ladders weirs\", \"salmon spawn\"]}");
            Hits h = r.search("salmon upstream", 3);
            assertEquals(List.of(2, 0), java.util.Arrays.stream(h.docs()).boxed().toList());
            assertEquals(1.0 / 62 + 1.0 / 61 + 1.0 / 62, h.scores()[0], 1e-12);
            assertTrue(h.stageNanos().containsKey("rewrite") && h.stageNanos().containsKey("fuse"), h.stageNanos().toString());
            assertEquals(0.0, r.runValues().get("rewrite.failed"));
            reply("500", "");
            Hits fallback = r.search("salmon upstream", 3);
            assertEquals(List.of(0), java.util.Arrays.stream(fallback.docs()).boxed().toList().subList(0, 1));
            reply("200", "{\"rewrites\": []}");
            r.search("salmon upstream", 3);
            assertEquals(2.0, r.runValues().get("rewrite.failed"));
            assertEquals(1.0, r.runValues().get("rewrite.failed.HTTP_500"));
            assertEquals(1.0, r.runValues().get("rewrite.failed.unusable_reply"));
            assertEquals("multi-query", r.details().get("rewrite"));
        }
    }

    @Test
    void hydeRetrievesWithTheWrittenPassage() throws IOException {
        try (Retriever r = open("hyde")) {
            reply("200", "{\"passage\": \"The ferry carried passengers across the bay.\"}");
            assertEquals(1, r.search("How was the bay crossed?", 1).docs()[0]);
        }
    }

    @Test
    void aRewriterNeedsExactlyOneRetrieverBelowIt() {
        RetrieverConfig c = new RetrieverConfig("rw", "hyde", "retrievers.rw", Map.of("base_url", "http://127.0.0.1:1/v1",
                "model", "m", "api_key_env", "none"), List.of());
        assertEquals("retrievers.rw.of: a hyde retriever rewrites queries for one other retriever, e.g. of: [bm25];"
                + " got 0", org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Retrievers.check(c)).getMessage());
    }
}
