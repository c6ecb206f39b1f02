package dev.plumbline.metrics.rag.llm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat client against endpoints that misbehave: every fault ends in a reply or a
 * {@link ChatException} naming the real cause, within a bound, with the API key nowhere in it.
 * Tests that provoke a timeout use 300 ms; the only time asserts are generous "finished at all" bounds.
 */
class ChatClientFaultsTest {
    private static final String KEY = "sk-plumbline-test-SECRET";
    private static final Duration GENEROUS = Duration.ofSeconds(20);
    private static final List<ChatClient.Message> HELLO = List.of(new ChatClient.Message("user", "hello"));

    /** A timeout that a loaded machine's cold HTTP client still meets, for tests not about timeouts. */
    private static final Duration AMPLE = Duration.ofSeconds(10);
    /** The timeout of the tests that provoke one. */
    private static final Duration SHORT = Duration.ofMillis(300);

    private static ChatClient client(String baseUrl, int retries, int maxReplyBytes) {
        return client(baseUrl, retries, maxReplyBytes, AMPLE);
    }

    private static ChatClient client(String baseUrl, int retries, int maxReplyBytes, Duration timeout) {
        LlmJudgeConfig c = LlmJudgeConfig.of(baseUrl, "test-model", null)
                .withTiming(timeout, retries, Duration.ofMillis(1))
                .withLimits(Duration.ofMillis(200), maxReplyBytes);
        return new ChatClient(c, KEY);
    }

    private static ChatException failure(ChatClient client) {
        try {
            return assertTimeoutPreemptively(GENEROUS, () -> assertThrows(ChatException.class, () -> client.complete(HELLO)));
        } finally {
            client.close();
        }
    }

    @Test
    void headersThenAStallIsATimeoutOfTheWholeRequestAndTheConnectionIsDropped() throws Exception {
        try (RawServer s = new RawServer((request, in, out, server) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"choi")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            server.awaitHangUp(in);
        })) {
            ChatException e = failure(client(s.baseUrl(), 1, 1 << 20, SHORT));
            assertEquals(ChatException.TIMEOUT, e.kind());
            assertEquals(0, e.status());
            assertEquals("timed out after 300 ms after 2 attempts", e.getMessage());
            assertEquals(2, s.connections.get());
            assertTrue(s.clientHungUp.await(10, TimeUnit.SECONDS), "the stalled connection was closed");
        }
    }

    @Test
    void aBodyTrickledByteByByteIsBoundedAsAWhole() throws Exception {
        try (RawServer s = new RawServer((request, in, out, server) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 10_000; i++) {
                out.write("1\r\n \r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                sleep(50);
            }
        })) {
            ChatException e = failure(client(s.baseUrl(), 0, 1 << 20, SHORT));
            assertEquals(ChatException.TIMEOUT, e.kind());
            assertEquals("timed out after 300 ms after 1 attempt", e.getMessage());
        }
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedWithoutReadingIt() throws Exception {
        try (RawServer s = new RawServer((request, in, out, server) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            flood(out, server);
        })) {
            ChatException e = failure(client(s.baseUrl(), 3, 65_536));
            assertEquals(ChatException.TOO_LARGE, e.kind());
            assertEquals("reply larger than the 65536-byte cap (not retried)", e.getMessage());
            assertEquals(1, s.connections.get(), "an oversized reply is not asked for again");
            assertTrue(s.clientHungUp.await(10, TimeUnit.SECONDS), "the client stopped reading");
            assertTrue(s.bytesWritten.get() < 100L << 20, s.bytesWritten + " bytes written");
        }
    }

    @Test
    void anEndlessBodyIsCutAtTheCap() throws Exception {
        try (RawServer s = new RawServer((request, in, out, server) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = ("10000\r\n" + "a".repeat(65_536) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            try {
                for (long i = 0; i < 1600; i++) {
                    out.write(chunk);
                    server.bytesWritten.addAndGet(65_536);
                }
            } catch (IOException e) {
                server.clientHungUp.countDown();
            }
        })) {
            ChatException e = failure(client(s.baseUrl(), 0, 65_536));
            assertEquals(ChatException.TOO_LARGE, e.kind());
            assertTrue(s.clientHungUp.await(10, TimeUnit.SECONDS), "the client stopped reading");
            assertTrue(s.bytesWritten.get() < 100L << 20, s.bytesWritten + " bytes written");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html><body>Welcome to the web UI</body></html>", "{\"choices\": [", "[1, 2]",
            "{\"error\": \"model not loaded\"}"})
    void aBodyThatIsNotChatCompletionsJsonIsAFailureNotRetried(String body) throws Exception {
        try (RawServer s = new RawServer((request, in, out, server) ->
                RawServer.respond(out, 200, "application/json", body))) {
            ChatException e = failure(client(s.baseUrl(), 3, 1 << 20));
            assertEquals(ChatException.MALFORMED, e.kind());
            assertEquals(200, e.status());
            assertTrue(e.getMessage().startsWith(body.startsWith("{\"error") ? "reply has no choices[0].message.content: "
                    : "reply is not a chat-completions JSON object (is the base URL the API root, e.g. "
                    + "http://host:8000/v1?): "), e.getMessage());
            assertEquals(1, s.connections.get());
        }
    }

    @Test
    void serverErrorsAreRetriedAndTheRealStatusIsTheReason() throws Exception {
        try (RawServer s = new RawServer((request, in, out, server) ->
                RawServer.respond(out, 503, "text/plain", "overloaded"))) {
            ChatException e = failure(client(s.baseUrl(), 2, 1 << 20));
            assertEquals("HTTP 503", e.kind());
            assertEquals(503, e.status());
            assertEquals("HTTP 503 after 3 attempts", e.getMessage());
            assertEquals(3, s.connections.get());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"3600", "99999999999999999999999", "9223372036854775807", "9223372036854775808"})
    void aHugeRetryAfterIsCappedNotObeyedAndNeverOverflows(String retryAfter) throws Exception {
        AtomicInteger served = new AtomicInteger();
        try (RawServer s = new RawServer((request, in, out, server) -> {
            if (served.getAndIncrement() == 0) {
                RawServer.respond(out, 429, "text/plain", "slow down", "Retry-After: " + retryAfter);
            } else {
                RawServer.respond(out, 200, "application/json", RawServer.chat("{\"ok\": true}"));
            }
        })) {
            ChatClient client = client(s.baseUrl(), 1, 1 << 20);
            String reply = assertTimeoutPreemptively(GENEROUS, () -> client.complete(HELLO));
            client.close();
            assertEquals("{\"ok\": true}", reply);
            assertEquals(2, s.connections.get());
        }
    }

    @Test
    void rateLimitedToTheEndSaysTheWaitWasCapped() throws Exception {
        try (RawServer s = new RawServer((request, in, out, server) ->
                RawServer.respond(out, 429, "text/plain", "slow down", "Retry-After: 3600"))) {
            ChatException e = failure(client(s.baseUrl(), 1, 1 << 20));
            assertEquals("HTTP 429", e.kind());
            assertEquals(429, e.status());
            assertEquals("HTTP 429 after 2 attempts (Retry-After 3600 capped at 200 ms)", e.getMessage());
        }
    }

    @Test
    void aRefusedConnectionIsRetriedThenNamed() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ChatException e = failure(client("http://127.0.0.1:" + port + "/v1", 1, 1 << 20));
        assertEquals(ChatException.REFUSED, e.kind());
        assertEquals("connection refused by 127.0.0.1:" + port + " after 2 attempts", e.getMessage());
    }

    @Test
    void clientErrorsAreNotRetriedAndAnEchoedKeyIsRedacted() throws Exception {
        try (RawServer s = new RawServer((request, in, out, server) ->
                RawServer.respond(out, 401, "text/plain", "bad credentials; you sent:\n" + request))) {
            ChatException e = failure(client(s.baseUrl(), 3, 1 << 20));
            assertEquals("HTTP 401", e.kind());
            assertEquals(401, e.status());
            assertTrue(e.getMessage().startsWith("HTTP 401 (not retried): bad credentials; you sent: POST /v1/chat/"),
                    e.getMessage());
            assertTrue(s.requests.getFirst().contains("Bearer " + KEY), "the key was sent");
            assertFalse(e.getMessage().contains(KEY), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line");
            assertEquals(1, s.connections.get());
        }
    }

    @Test
    void aReplyEchoingTheKeyComesBackRedacted() throws Exception {
        try (RawServer s = new RawServer((request, in, out, server) ->
                RawServer.respond(out, 200, "application/json", RawServer.chat("{\"claims\": [\"the key is " + KEY + "\"]}")))) {
            ChatClient client = client(s.baseUrl(), 0, 1 << 20);
            String reply = assertTimeoutPreemptively(GENEROUS, () -> client.complete(HELLO));
            client.close();
            assertEquals("{\"claims\": [\"the key is [redacted]\"]}", reply);
            assertFalse(client.toString().contains(KEY));
        }
    }

    @Test
    void retryAfterIsReadAsSecondsOrADateAndCapped() {
        Duration cap = Duration.ofSeconds(60);
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        assertEquals(new ChatClient.RetryAfter(Duration.ofSeconds(2), false), ChatClient.retryAfter(" 2 ", cap, now));
        assertEquals(new ChatClient.RetryAfter(Duration.ZERO, false), ChatClient.retryAfter("0", cap, now));
        assertEquals(new ChatClient.RetryAfter(cap, true), ChatClient.retryAfter("3600", cap, now));
        assertEquals(new ChatClient.RetryAfter(cap, true), ChatClient.retryAfter("1".repeat(400), cap, now));
        assertEquals(new ChatClient.RetryAfter(Duration.ofSeconds(5), false), ChatClient.retryAfter("00005", cap, now));
        String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(30).atOffset(ZoneOffset.UTC));
        assertEquals(new ChatClient.RetryAfter(Duration.ofSeconds(30), false), ChatClient.retryAfter(in30s, cap, now));
        String tomorrow = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(86_400).atOffset(ZoneOffset.UTC));
        assertEquals(new ChatClient.RetryAfter(cap, true), ChatClient.retryAfter(tomorrow, cap, now));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.minusSeconds(30).atOffset(ZoneOffset.UTC));
        assertEquals(new ChatClient.RetryAfter(Duration.ZERO, false), ChatClient.retryAfter(past, cap, now));
        assertNull(ChatClient.retryAfter("-5", cap, now));
        assertNull(ChatClient.retryAfter("soon", cap, now));
        assertNull(ChatClient.retryAfter(null, cap, now));
    }

    /** Writes up to 100 MB; stops (and counts the hang-up) when the client closes the connection. */
    private static void flood(OutputStream out, RawServer server) {
        byte[] block = new byte[65_536];
        try {
            for (int i = 0; i < 1600; i++) {
                out.write(block);
                server.bytesWritten.addAndGet(block.length);
            }
            out.flush();
        } catch (IOException e) {
            server.clientHungUp.countDown();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
