package dev.plumbline.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * A local OpenAI-compatible endpoint (127.0.0.1, port 0) for the judge commands' tests. By default
 * it answers each of the LLM judge's four prompts like a well-behaved model; {@link #route} puts
 * a reply of the test's choosing first (an error, a rate limit, an echo of the request).
 */
final class FakeLlmServer implements AutoCloseable {
    /** A reply: status, headers and the raw body. */
    record Reply(int status, Map<String, String> headers, String body) {
        static Reply content(String assistantContent) {
            return new Reply(200, Map.of(), JSON.createObjectNode().set("choices", JSON.createArrayNode()
                    .add(JSON.createObjectNode().set("message", JSON.createObjectNode().put("role", "assistant")
                            .put("content", assistantContent)))).toString());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private volatile BiFunction<String, String, Reply> route = (body, auth) -> null;
    /** Request bodies received. */
    final List<String> bodies = new CopyOnWriteArrayList<>();
    /** Authorization headers received ("null" when absent). */
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    FakeLlmServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            bodies.add(body);
            authorizations.add(auth);
            Reply reply = route.apply(body, auth);
            if (reply == null) {
                reply = wellBehaved(body);
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    /** Replies chosen by the test ({@code null} falls through to the well-behaved model). */
    FakeLlmServer route(BiFunction<String, String, Reply> r) {
        route = r;
        return this;
    }

    /** Two claims (the first supported by context 1), context 1 relevant, relevance 0.9. */
    static Reply wellBehaved(String body) {
        if (body.contains("atomic claims")) {
            return Reply.content("{\"claims\": [\"The bridge opened in 1932.\", \"The bridge is red.\"]}");
        }
        if (body.contains("You check claims")) {
            return Reply.content("{\"verdicts\": [{\"claim\": 1, \"supported\": true, \"context\": 1, \"reason\": \"stated\"},"
                    + " {\"claim\": 2, \"supported\": false, \"context\": 0, \"reason\": \"colour not mentioned\"}]}");
        }
        if (body.contains("is useful for answering")) {
            return Reply.content("{\"relevant\": [true, false]}");
        }
        if (body.contains("how directly an answer")) {
            return Reply.content("{\"relevance\": 0.9, \"noncommittal\": false}");
        }
        return new Reply(404, Map.of(), "{\"error\": \"unknown prompt\"}");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
