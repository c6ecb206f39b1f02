package dev.plumbline.metrics.rag.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Minimal OpenAI-compatible chat-completions client: temperature 0, JSON response format, a
 * timeout on each whole attempt (headers and body), retries with capped exponential backoff on
 * timeouts, connection errors, 408, 429 and 5xx (a Retry-After header is obeyed up to the same
 * cap), a cap on the reply size, and a bound on requests in flight. Failures are
 * {@link ChatException}s naming the real cause (the HTTP status, the timeout); the API key is
 * redacted from everything the server sends back. Thread-safe.
 */
public final class ChatClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REDACTED = "[redacted]";

    private final LlmJudgeConfig config;
    private final String apiKey;
    private final URI endpoint;
    private final HttpClient http;
    private final Semaphore inFlight;
    private final AtomicLong requests = new AtomicLong();

    /**
     * @param config endpoint settings
     * @param apiKey the key read from the configured environment variable, or {@code null}
     */
    public ChatClient(LlmJudgeConfig config, String apiKey) {
        this.config = config;
        this.apiKey = apiKey == null || apiKey.isEmpty() ? null : apiKey;
        this.endpoint = URI.create(config.baseUrl() + "/chat/completions");
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
        this.inFlight = new Semaphore(config.concurrency());
    }

    /**
     * Closes the HTTP client at once: every request this client made has finished or been
     * cancelled by then, and a graceful close would wait on a connection a stalled server keeps open.
     */
    public void close() {
        http.shutdownNow();
    }

    /** HTTP requests sent so far (tests use it to prove the cache works). */
    public long requestsSent() {
        return requests.get();
    }

    /** One chat message. */
    public record Message(String role, String content) {
    }

    /**
     * Sends a conversation and returns the assistant's reply text, with the API key redacted.
     *
     * @throws ChatException when the last attempt failed, or a reply was unusable in a way a retry
     *                       cannot change (a 4xx other than 408/429, a malformed or oversized reply)
     */
    public String complete(List<Message> messages) throws ChatException {
        return complete(messages, Request.JSON);
    }

    /**
     * How to ask: whether the reply must be a JSON object ({@code response_format}, what the judge
     * parses), a {@code seed} for servers that honour one, and a cap on the reply's tokens. The
     * temperature is always 0.
     *
     * @param json      ask for {@code response_format: json_object}
     * @param seed      the {@code seed} sent, or {@code null} for none
     * @param maxTokens the {@code max_tokens} sent, or {@code null} for none
     */
    public record Request(boolean json, Long seed, Integer maxTokens) {
        /** The judge's request: a JSON reply, no seed, no token cap. */
        public static final Request JSON = new Request(true, null, null);
    }

    /**
     * {@link #complete(List)} with the request shaped by {@code request}.
     *
     * @throws ChatException as {@link #complete(List)}
     */
    public String complete(List<Message> messages, Request shape) throws ChatException {
        String body = requestBody(messages, shape);
        ChatException last = null;
        Duration delay = config.backoff();
        Duration serverWait = Duration.ZERO;
        String capNote = "";
        int attempts = 0;
        for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
            if (attempt > 0) {
                sleep(min(max(delay, serverWait), config.maxRetryWait()));
                // Capped before doubling again, so no number of retries can overflow a Duration.
                delay = min(delay.multipliedBy(2), config.maxRetryWait());
                serverWait = Duration.ZERO;
            }
            capNote = "";
            attempts++;
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                    .timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (apiKey != null) {
                request.header("Authorization", "Bearer " + apiKey);
            }
            HttpResponse<byte[]> response;
            try {
                response = send(request.build());
            } catch (ChatException e) {
                if (!retryable(e.kind())) {
                    throw e;
                }
                last = e;
                continue;
            }
            int status = response.statusCode();
            String text = redact(new String(response.body(), StandardCharsets.UTF_8));
            if (status == 408 || status == 429 || status >= 500) {
                last = new ChatException("HTTP " + status, status, "HTTP " + status);
                RetryAfter ra = retryAfter(response.headers().firstValue("Retry-After").orElse(null),
                        config.maxRetryWait(), Instant.now());
                if (ra != null) {
                    serverWait = ra.delay();
                    capNote = ra.capped() ? " (Retry-After " + oneLine(response.headers().firstValue("Retry-After")
                            .orElse(""), 40) + " capped at " + config.maxRetryWait().toMillis() + " ms)" : "";
                }
                continue;
            }
            if (status < 200 || status > 299) {
                throw new ChatException("HTTP " + status, status, "HTTP " + status + " (not retried): " + oneLine(text, 160));
            }
            return replyText(text);
        }
        throw new ChatException(last.kind(), last.status(), last.getMessage() + " after " + attempts
                + (attempts == 1 ? " attempt" : " attempts") + capNote);
    }

    private static boolean retryable(String kind) {
        return kind.equals(ChatException.TIMEOUT) || kind.equals(ChatException.REFUSED)
                || kind.equals(ChatException.CONNECTION);
    }

    /**
     * One attempt, bounded as a whole: {@code HttpRequest.timeout} stops only the wait for the
     * headers, so a server that sends headers and then stalls would otherwise hold the call forever.
     * Cancelling the future aborts the exchange and closes its connection.
     */
    private HttpResponse<byte[]> send(HttpRequest request) throws ChatException {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatException(ChatException.INTERRUPTED, "interrupted");
        }
        try {
            requests.incrementAndGet();
            CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request, this::cappedBody);
            try {
                return future.get(config.timeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new ChatException(ChatException.TIMEOUT, "timed out after " + config.timeout().toMillis() + " ms");
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new ChatException(ChatException.INTERRUPTED, "interrupted");
            } catch (ExecutionException e) {
                throw classify(e.getCause());
            }
        } finally {
            inFlight.release();
        }
    }

    private ChatException classify(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ReplyTooLarge) {
                return new ChatException(ChatException.TOO_LARGE, "reply larger than the " + config.maxReplyBytes()
                        + "-byte cap (not retried)");
            }
        }
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof HttpTimeoutException) {
            return new ChatException(ChatException.TIMEOUT, "timed out after " + config.timeout().toMillis() + " ms");
        }
        if (c instanceof ConnectException) {
            return new ChatException(ChatException.REFUSED, "connection refused by " + endpoint.getHost() + ":"
                    + port(endpoint));
        }
        String detail = c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
        return new ChatException(ChatException.CONNECTION, "connection failed: " + oneLine(redact(detail), 160));
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    /** The reply body, refused up front when its declared length is over the cap. */
    private HttpResponse.BodySubscriber<byte[]> cappedBody(HttpResponse.ResponseInfo info) {
        OptionalLong declared;
        try {
            declared = info.headers().firstValueAsLong("Content-Length");
        } catch (NumberFormatException e) {
            declared = OptionalLong.empty();
        }
        return new CappedBody(config.maxReplyBytes(), declared.isPresent() && declared.getAsLong() > config.maxReplyBytes());
    }

    /** Thrown into the response future when a body passes the cap. */
    private static final class ReplyTooLarge extends IOException {
        ReplyTooLarge() {
            super("reply larger than the cap");
        }
    }

    /**
     * Collects at most {@code cap} bytes and then cancels the subscription, so a runaway reply
     * costs the cap, not the heap. Requests one buffer list at a time for the same reason.
     */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int cap;
        private final boolean refuse;
        private Flow.Subscription subscription;

        CappedBody(int cap, boolean refuse) {
            this.cap = cap;
            this.refuse = refuse;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (refuse) {
                s.cancel();
                result.completeExceptionally(new ReplyTooLarge());
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if (b.remaining() > cap - bytes.size()) {
                    subscription.cancel();
                    result.completeExceptionally(new ReplyTooLarge());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.writeBytes(chunk);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }

    /**
     * How long a Retry-After header asks to wait, capped.
     *
     * @param delay  the wait, at most the cap
     * @param capped whether the header asked for more than the cap
     */
    record RetryAfter(Duration delay, boolean capped) {
    }

    /**
     * Parses Retry-After (delay seconds or an HTTP date) without overflow: a number too long to
     * be below the cap is the cap. Returns {@code null} for a missing or unreadable header.
     */
    static RetryAfter retryAfter(String header, Duration cap, Instant now) {
        if (header == null) {
            return null;
        }
        String v = header.trim();
        if (!v.isEmpty() && v.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            String digits = v.replaceFirst("^0+(?=.)", "");
            // 12 digits of seconds is over 30,000 years, past any cap a Duration check allows.
            if (digits.length() > 12) {
                return new RetryAfter(cap, true);
            }
            Duration asked = Duration.ofSeconds(Long.parseLong(digits));
            return asked.compareTo(cap) > 0 ? new RetryAfter(cap, true) : new RetryAfter(asked, false);
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration asked = Duration.between(now, at);
            if (asked.isNegative()) {
                return new RetryAfter(Duration.ZERO, false);
            }
            return asked.compareTo(cap) > 0 ? new RetryAfter(cap, true) : new RetryAfter(asked, false);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private String requestBody(List<Message> messages, Request request) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", config.model());
        root.put("temperature", 0);
        if (request.json()) {
            root.putObject("response_format").put("type", "json_object");
        }
        if (request.seed() != null) {
            root.put("seed", request.seed());
        }
        if (request.maxTokens() != null) {
            root.put("max_tokens", request.maxTokens());
        }
        ArrayNode list = root.putArray("messages");
        for (Message m : messages) {
            list.addObject().put("role", m.role()).put("content", m.content());
        }
        return root.toString();
    }

    private static String replyText(String body) throws ChatException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new ChatException(ChatException.MALFORMED, 200, "reply is not a chat-completions JSON object"
                    + " (is the base URL the API root, e.g. http://host:8000/v1?): " + oneLine(body, 80));
        }
        JsonNode content = root.path("choices").path(0).path("message").path("content");
        if (!content.isTextual()) {
            throw new ChatException(ChatException.MALFORMED, 200, "reply has no choices[0].message.content: "
                    + oneLine(body, 80));
        }
        return content.asText();
    }

    /** The text with every occurrence of the API key replaced, so a server that echoes it cannot leak it. */
    private String redact(String s) {
        return apiKey == null || s == null ? s : s.replace(apiKey, REDACTED);
    }

    private static void sleep(Duration d) throws ChatException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatException(ChatException.INTERRUPTED, "interrupted");
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** At most {@code max} characters on one line, so a failure reason never breaks a log line or a table. */
    static String oneLine(String s, int max) {
        if (s == null) {
            return "";
        }
        String flat = s.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max) + "…";
    }

    @Override
    public String toString() {
        return "ChatClient[" + endpoint + ", model " + config.model() + (apiKey != null ? ", key " + REDACTED : "")
                + "]";
    }
}
