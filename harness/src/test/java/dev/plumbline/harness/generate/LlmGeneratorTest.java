package dev.plumbline.harness.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.plumbline.engines.StageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The llm generator against a real HTTP server on the loopback interface, replaying recorded-format
 * replies one per request: a good reply, rate limits and server errors (retried), a stalled server
 * (timeout), malformed JSON and a truncated body; every failure is an answer that says why.
 */
class LlmGeneratorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HttpServer server;
    /** What the server does for each next request; when empty it sends the recorded good reply. */
    private final Deque<String> script = new ArrayDeque<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private String good;

    @BeforeEach
    void start() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/llm/chat-completion-200.json")) {
            good = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String step;
            synchronized (script) {
                step = script.isEmpty() ? "200" : script.pop();
            }
            byte[] body = switch (step) {
                case "200" -> good.getBytes(StandardCharsets.UTF_8);
                case "malformed" -> "{\"choices\": [{\"message\": {\"content\": \"unterminated".getBytes(StandardCharsets.UTF_8);
                default -> ("{\"error\": {\"message\": \"" + step + "\"}}").getBytes(StandardCharsets.UTF_8);
            };
            try (OutputStream os = exchange.getResponseBody()) {
                switch (step) {
                    case "429" -> {
                        exchange.getResponseHeaders().add("Retry-After", "0");
                        exchange.sendResponseHeaders(429, body.length);
                        os.write(body);
                    }
                    case "500" -> {
                        exchange.sendResponseHeaders(500, body.length);
                        os.write(body);
                    }
                    case "stall" -> {
                        sleep(1500);
                        exchange.sendResponseHeaders(200, good.length());
                        os.write(good.getBytes(StandardCharsets.UTF_8));
                    }
                    case "truncated" -> {
                        // Headers promise the whole reply; half of it arrives, then the connection closes.
                        exchange.sendResponseHeaders(200, body.length);
                        os.write(body, 0, body.length / 2);
                        os.flush();
                        exchange.close();
                    }
                    default -> {
                        exchange.sendResponseHeaders(200, body.length);
                        os.write(body);
                    }
                }
            } catch (IOException e) {
                // the truncated reply's close
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private StageConfig config(Map<String, String> extra) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("base_url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        o.put("model", "qwen2.5-0.5b-instruct");
        o.put("api_key_env", "none");
        o.put("retries", "2");
        o.put("backoff_ms", "10");
        o.put("timeout_s", "1");
        o.put("cache_dir", dir.resolve("cache").toString());
        o.putAll(extra);
        return Generators.config("qwen", "llm", "generators[0]", o);
    }

    private Generator open(Map<String, String> extra) {
        return Generators.open(config(extra));
    }

    private void script(String... steps) {
        synchronized (script) {
            script.addAll(List.of(steps));
        }
    }

    @Test
    void answersFromTheTemplateAtTemperatureZeroWithASeedAndCachesTheReply() throws Exception {
        try (Generator g = open(Map.of("seed", "7", "max_tokens", "64"))) {
            Answer a = g.generate("What storm tide does the log record?", List.of("The log records 143 cm.", "Other."));
            assertEquals("The keeper's log records a storm tide of 143 centimetres.", a.text());
            assertEquals(1, bodies.size());
            JsonNode body = JSON.readTree(bodies.get(0));
            assertEquals(0, body.get("temperature").intValue());
            assertEquals(7, body.get("seed").intValue());
            assertEquals(64, body.get("max_tokens").intValue());
            assertFalse(body.has("response_format"), "an answer is free text, not JSON");
            String prompt = body.path("messages").path(0).path("content").asText();
            assertTrue(prompt.contains("[1] The log records 143 cm.\n[2] Other.") && prompt.contains(
                    "Question: What storm tide does the log record?"), prompt);
            // The same question and contexts again: from the cache, no request.
            assertEquals(a, g.generate("What storm tide does the log record?", List.of("The log records 143 cm.", "Other.")));
            assertEquals(1, bodies.size());
            assertEquals("generate-v1", g.details().get("prompt"));
        }
    }

    @Test
    void rateLimitsAndServerErrorsAreRetriedThenCountedAsFailures() {
        try (Generator g = open(Map.of("cache_dir", "none"))) {
            script("429", "500");
            assertTrue(g.generate("q1", List.of("c")).ok(), "two retries cover a 429 and a 500");
            assertEquals(3, bodies.size());
            script("500", "500", "500");
            Answer a = g.generate("q2", List.of("c"));
            assertNull(a.text());
            assertEquals("HTTP 500", a.failureKind());
            assertEquals("HTTP 500 after 3 attempts", a.failure());
            script("429", "429", "429");
            assertEquals("HTTP 429", g.generate("q3", List.of("c")).failureKind());
        }
    }

    @Test
    void timeoutsMalformedAndTruncatedRepliesAreFailuresThatSayWhy() {
        try (Generator g = open(Map.of("cache_dir", "none", "retries", "0"))) {
            script("stall");
            Answer t = g.generate("q1", List.of("c"));
            assertEquals("timeout", t.failureKind());
            assertTrue(t.failure().startsWith("timed out after 1000 ms"), t.failure());
            script("malformed");
            Answer m = g.generate("q2", List.of("c"));
            assertEquals("malformed reply", m.failureKind());
            assertTrue(m.failure().startsWith("reply is not a chat-completions JSON object"), m.failure());
            script("truncated");
            Answer cut = g.generate("q3", List.of("c"));
            assertFalse(cut.ok());
            assertEquals("connection failed", cut.failureKind(), cut.failure());
            // A failed answer is never cached: the next call asks again, and succeeds.
            assertTrue(g.generate("q3", List.of("c")).ok());
        }
    }

    @Test
    void badSettingsNameTheirKey() throws IOException {
        IllegalArgumentException noModel = assertThrows(IllegalArgumentException.class, () -> Generators.check(
                Generators.config("g", "llm", "generators[1]", Map.of("base_url", "http://127.0.0.1:1/v1"))));
        assertEquals("generators[1]: missing key 'model' (the llm generator needs base_url, e.g."
                + " http://localhost:8000/v1, and model)", noModel.getMessage());
        IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class, () ->
                new LlmGeneratorProvider(k -> null).check(config(Map.of("api_key_env", "PLUMBLINE_TEST_KEY"))));
        assertEquals("generators[0].api_key_env: the environment variable PLUMBLINE_TEST_KEY is not set; export it,"
                + " or set api_key_env: none for a server without a key", noKey.getMessage());
        Path template = dir.resolve("t.txt");
        Files.writeString(template, "Answer {{question}}");
        IllegalArgumentException slot = assertThrows(IllegalArgumentException.class, () -> Generators.check(
                config(Map.of("prompt", template.toString()))));
        assertEquals("generators[0].prompt: the template has no {{contexts}}; it needs both {{question}} and"
                + " {{contexts}}", slot.getMessage());
        Files.writeString(template, "Q: {{question}}\nC: {{contexts}}");
        try (Generator g = open(Map.of("prompt", template.toString()))) {
            assertTrue(g.details().get("prompt").startsWith("file-"));
        }
        assertEquals("generators[0].temperature: a llm generator has no option 'temperature'; it knows api_key_env,"
                + " backoff_ms, base_url, cache_dir, concurrency, contexts, max_retry_wait_s, max_tokens, model, prompt,"
                + " retries, seed, timeout_s", assertThrows(IllegalArgumentException.class, () -> Generators.check(
                config(Map.of("temperature", "0.7")))).getMessage());
    }
}
