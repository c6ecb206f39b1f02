package dev.plumbline.metrics.rag.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Minimal OpenAI-compatible chat-completions client: temperature 0, JSON response format,
 * timeouts, retries with exponential backoff on timeouts, connection errors, 429 and 5xx, and a
 * bound on requests in flight. Thread-safe.
 */
public final class ChatClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LlmJudgeConfig config;
    private final String apiKey;
    private final HttpClient http;
    private final Semaphore inFlight;
    private final AtomicLong requests = new AtomicLong();

    /**
     * @param config endpoint settings
     * @param apiKey the key read from the configured environment variable, or {@code null}
     */
    public ChatClient(LlmJudgeConfig config, String apiKey) {
        this.config = config;
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
        this.inFlight = new Semaphore(config.concurrency());
    }

    /** Closes the HTTP client (its selector thread and connections). */
    public void close() {
        http.close();
    }

    /** HTTP requests sent so far (tests use it to prove the cache works). */
    public long requestsSent() {
        return requests.get();
    }

    /** One chat message. */
    public record Message(String role, String content) {
    }

    /** Sends a conversation and returns the assistant's reply text. */
    public String complete(List<Message> messages) throws ChatException {
        String body = requestBody(messages);
        String lastProblem = "no attempt made";
        Duration delay = config.backoff();
        for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
            if (attempt > 0) {
                sleep(delay);
                delay = delay.multipliedBy(2);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.baseUrl() + "/chat/completions"))
                    .timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (apiKey != null && !apiKey.isEmpty()) {
                request.header("Authorization", "Bearer " + apiKey);
            }
            HttpResponse<String> response;
            try {
                inFlight.acquire();
                try {
                    requests.incrementAndGet();
                    response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                } finally {
                    inFlight.release();
                }
            } catch (HttpTimeoutException e) {
                lastProblem = "timed out after " + config.timeout().toMillis() + " ms";
                continue;
            } catch (IOException e) {
                lastProblem = "connection failed: " + e.getMessage();
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChatException("interrupted");
            }
            int status = response.statusCode();
            if (status == 429 || status >= 500) {
                lastProblem = "HTTP " + status;
                Duration retryAfter = retryAfter(response);
                if (retryAfter.compareTo(delay) > 0) {
                    delay = retryAfter;
                }
                continue;
            }
            if (status != 200) {
                throw new ChatException("HTTP " + status + " from " + config.baseUrl() + " (not retried): "
                        + abbreviate(response.body()));
            }
            return replyText(response.body());
        }
        throw new ChatException(lastProblem + " (after " + (config.maxRetries() + 1) + " attempts)");
    }

    private String requestBody(List<Message> messages) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", config.model());
        root.put("temperature", 0);
        root.putObject("response_format").put("type", "json_object");
        ArrayNode list = root.putArray("messages");
        for (Message m : messages) {
            list.addObject().put("role", m.role()).put("content", m.content());
        }
        return root.toString();
    }

    private static String replyText(String body) throws ChatException {
        try {
            JsonNode content = JSON.readTree(body).path("choices").path(0).path("message").path("content");
            if (!content.isTextual()) {
                throw new ChatException("reply has no choices[0].message.content: " + abbreviate(body));
            }
            return content.asText();
        } catch (IOException e) {
            throw new ChatException("reply is not a chat-completions JSON object: " + abbreviate(body));
        }
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                return Duration.ofSeconds(Long.parseLong(v.trim()));
            } catch (NumberFormatException e) {
                return Duration.ZERO;
            }
        }).orElse(Duration.ZERO);
    }

    private static void sleep(Duration d) throws ChatException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatException("interrupted");
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
