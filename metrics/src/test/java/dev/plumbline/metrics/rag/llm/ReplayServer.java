package dev.plumbline.metrics.rag.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local chat-completions server that replays recorded replies: for each prompt kind (found by
 * a phrase of its prompt file) a list of replies served in order, the last one repeating. A reply
 * can be an HTTP error, a delay (to provoke timeouts), or assistant content.
 */
final class ReplayServer implements AutoCloseable {
    /** One recorded reply. */
    record Reply(int status, String content, long delayMillis, Map<String, String> headers) {
        static Reply ok(String content) {
            return new Reply(200, content, 0, Map.of());
        }

        static Reply error(int status) {
            return new Reply(status, null, 0, Map.of());
        }

        static Reply slow(long millis, String content) {
            return new Reply(200, content, millis, Map.of());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final Map<String, List<Reply>> script = new ConcurrentHashMap<>();
    private final Map<String, List<Reply>> first = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Most requests the server was handling at once. */
    final AtomicInteger maxInFlight = new AtomicInteger();

    ReplayServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            Reply reply = next(body);
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(reply.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = (reply.status() == 200
                    ? JSON.createObjectNode().set("choices", JSON.createArrayNode().add(JSON.createObjectNode()
                    .set("message", JSON.createObjectNode().put("role", "assistant").put("content", reply.content()))))
                    .toString()
                    : "{\"error\":\"scripted\"}").getBytes(StandardCharsets.UTF_8);
            try {
                exchange.sendResponseHeaders(reply.status(), out.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            } catch (IOException e) {
                // the client gave up (timeout test); nothing to do
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /** Replies for requests whose body contains {@code phrase}. */
    ReplayServer on(String phrase, Reply... replies) {
        script.put(phrase, List.of(replies));
        served.put(phrase, new AtomicInteger());
        return this;
    }

    /** Replies for requests whose body contains {@code phrase}, ahead of the phrases given to {@link #on}. */
    ReplayServer first(String phrase, Reply... replies) {
        first.put(phrase, List.of(replies));
        served.put(phrase, new AtomicInteger());
        return this;
    }

    private Reply next(String body) {
        for (Map.Entry<String, List<Reply>> e : first.entrySet()) {
            if (body.contains(e.getKey())) {
                int i = served.get(e.getKey()).getAndIncrement();
                return e.getValue().get(Math.min(i, e.getValue().size() - 1));
            }
        }
        for (Map.Entry<String, List<Reply>> e : script.entrySet()) {
            if (body.contains(e.getKey())) {
                int i = served.get(e.getKey()).getAndIncrement();
                List<Reply> list = e.getValue();
                return list.get(Math.min(i, list.size() - 1));
            }
        }
        return Reply.error(404);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
