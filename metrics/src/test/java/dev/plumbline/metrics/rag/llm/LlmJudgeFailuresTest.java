package dev.plumbline.metrics.rag.llm;

import dev.plumbline.metrics.rag.Judgment;
import dev.plumbline.metrics.rag.MetricValue;
import dev.plumbline.metrics.rag.RagInput;
import dev.plumbline.metrics.rag.RagScorer;
import dev.plumbline.metrics.rag.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.plumbline.metrics.rag.llm.ReplayServer.Reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the LLM judge makes of failed calls: FAILED verdicts and metrics whose reason is the real
 * cause, counted by cause, never cached, never taking other samples down with them.
 */
class LlmJudgeFailuresTest {
    private static final String CLAIMS = "atomic claims";
    private static final String SUPPORT = "You check claims";
    private static final String RELEVANCE = "is useful for answering";
    private static final String ANSWER = "how directly an answer";
    private static final RagInput SAMPLE = new RagInput("s1", "When did the bridge open?",
            "The bridge opened in 1932. It is red.", List.of("The bridge opened in 1932.", "Apples are fruit."), null);

    @TempDir
    Path cacheDir;

    private static ReplayServer happy(ReplayServer s) {
        return s.on(CLAIMS, Reply.ok("{\"claims\": [\"The bridge opened in 1932.\", \"The bridge is red.\"]}"))
                .on(SUPPORT, Reply.ok("{\"verdicts\": [{\"claim\": 1, \"supported\": true, \"context\": 1, \"reason\": \"stated\"},"
                        + " {\"claim\": 2, \"supported\": false, \"context\": 0, \"reason\": \"colour not mentioned\"}]}"))
                .on(RELEVANCE, Reply.ok("{\"relevant\": [true, false]}"))
                .on(ANSWER, Reply.ok("{\"relevance\": 0.9, \"noncommittal\": false}"));
    }

    private static LlmJudgeConfig config(String baseUrl, int retries) {
        return LlmJudgeConfig.of(baseUrl, "test-model", null)
                .withTiming(Duration.ofSeconds(10), retries, Duration.ofMillis(1))
                .withLimits(Duration.ofMillis(50), 1 << 20);
    }

    @Test
    void aFailedCallFailsOnlyItsVerdictsWithTheHttpStatusAsTheReason() throws IOException {
        try (ReplayServer s = happy(new ReplayServer())) {
            s.on(RELEVANCE, Reply.error(503));
            try (LlmJudge judge = new LlmJudge(config(s.baseUrl(), 1), (String) null)) {
                Judgment j = judge.judge(SAMPLE);
                Map<String, MetricValue> m = RagScorer.score(SAMPLE, j);
                assertEquals("relevance check failed: HTTP 503 after 2 attempts", j.contexts().get(1).reason());
                MetricValue cp = m.get(RagScorer.CONTEXT_PRECISION);
                assertEquals(MetricValue.Status.FAILED, cp.status());
                assertTrue(Double.isNaN(cp.value()));
                assertEquals("verdict failed (relevance check failed: HTTP 503 after 2 attempts) for context 0", cp.reason());
                assertEquals(0.5, m.get(RagScorer.FAITHFULNESS).value(), "the calls that worked are kept");
                assertEquals(0.9, m.get(RagScorer.ANSWER_RELEVANCE).value());
                LlmJudge.CallStats stats = judge.stats();
                assertEquals(4, stats.calls());
                assertEquals(1, stats.failed());
                assertEquals(Map.of("HTTP 503", 1L), stats.failedByKind());
                assertEquals(5, stats.requestsSent(), "three prompts once, the failing one twice");
                assertFalse(stats.allFailed());
            }
        }
    }

    @Test
    void aReplyThatCouldNotBeUsedIsNeverCached() throws IOException {
        try (ReplayServer s = happy(new ReplayServer())) {
            s.on(CLAIMS, Reply.ok("{\"items\": [\"The bridge opened in 1932.\"]}"));
            s.on(SUPPORT, Reply.ok("{\"verdicts\": [{\"claim\": 1, \"supported\": true}]}"));
            s.on(ANSWER, Reply.ok("not json at all"));
            LlmJudgeConfig c = config(s.baseUrl(), 0).withCache(cacheDir);
            try (LlmJudge judge = new LlmJudge(c, (String) null)) {
                Judgment j = judge.judge(SAMPLE);
                assertEquals("claim extraction failed: reply lacked a \"claims\" array after one repair request",
                        j.answerClaims().get(0).reason());
                assertEquals("answer relevance failed: reply was not a JSON object after one repair request",
                        j.similarityFailure());
                assertEquals(Map.of("unusable reply", 1L, "invalid JSON", 1L), judge.stats().failedByKind());
                assertTrue(s.bodies.stream().anyMatch(b -> b.contains("That reply lacked a \\\"claims\\\" array")),
                        "the repair request says what was missing");
            }
            assertEquals(1, cachedReplies(), "only the relevance reply, the one that was usable");

            // Fixed server, same cache: the failed prompts are asked again, not replayed.
            happy(s);
            try (LlmJudge again = new LlmJudge(c, (String) null)) {
                Map<String, MetricValue> m = RagScorer.score(SAMPLE, again.judge(SAMPLE));
                assertEquals(0.5, m.get(RagScorer.FAITHFULNESS).value());
                assertEquals(0.9, m.get(RagScorer.ANSWER_RELEVANCE).value());
                assertEquals(1, again.stats().cacheHits());
                assertEquals(3, again.stats().requestsSent());
            }
        }
    }

    @Test
    void aSupportReplyMissingAClaimsVerdictIsUnusable() throws IOException {
        try (ReplayServer s = happy(new ReplayServer())) {
            s.on(SUPPORT, Reply.ok("{\"verdicts\": [{\"claim\": 1, \"supported\": true, \"context\": 1}]}"));
            try (LlmJudge judge = new LlmJudge(config(s.baseUrl(), 0).withCache(cacheDir), (String) null)) {
                Judgment j = judge.judge(SAMPLE);
                assertTrue(j.answerClaims().stream().allMatch(c -> c.verdict() == Verdict.FAILED));
                assertEquals("support check failed: reply lacked a \"verdicts\" entry with a boolean \"supported\" for"
                        + " each of the 2 claims after one repair request", j.answerClaims().get(1).reason());
                assertEquals(MetricValue.Status.FAILED, RagScorer.score(SAMPLE, j).get(RagScorer.FAITHFULNESS).status());
            }
            assertEquals(3, cachedReplies(), "claims, relevance and answer relevance; not the incomplete verdicts");
        }
    }

    @Test
    void anUnusableReplyInTheCacheIsAskedAgain() throws IOException {
        try (ReplayServer s = happy(new ReplayServer())) {
            LlmJudgeConfig c = config(s.baseUrl(), 0).withCache(cacheDir);
            try (LlmJudge judge = new LlmJudge(c, (String) null)) {
                judge.judge(SAMPLE);
            }
            try (Stream<Path> files = Files.walk(cacheDir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.writeString(f, "{\"truncated\": ");
                }
            }
            try (LlmJudge again = new LlmJudge(c, (String) null)) {
                assertEquals(0.5, RagScorer.score(SAMPLE, again.judge(SAMPLE)).get(RagScorer.FAITHFULNESS).value());
                assertEquals(0, again.stats().cacheHits());
                assertEquals(4, again.stats().requestsSent());
            }
        }
    }

    @Test
    void oneBadReplyLosesNoFinishedSample() throws IOException {
        try (ReplayServer s = happy(new ReplayServer())) {
            // Overflowed a long and ended the whole judge (exit 3) before Retry-After was capped.
            s.first("POISON", new Reply(429, null, 0, Map.of("Retry-After", "9".repeat(40))));
            List<RagInput> inputs = List.of(SAMPLE,
                    new RagInput("s2", "POISON " + SAMPLE.question(), SAMPLE.answer(), SAMPLE.contexts(), null),
                    new RagInput("s3", SAMPLE.question() + "?", SAMPLE.answer(), SAMPLE.contexts(), null));
            try (LlmJudge judge = new LlmJudge(config(s.baseUrl(), 1), (String) null)) {
                List<Judgment> all = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> judge.judgeAll(inputs));
                assertEquals(3, all.size());
                for (int i : new int[] {0, 2}) {
                    Map<String, MetricValue> m = RagScorer.score(inputs.get(i), all.get(i));
                    assertEquals(0.5, m.get(RagScorer.FAITHFULNESS).value(), "sample " + i);
                    assertEquals(0.9, m.get(RagScorer.ANSWER_RELEVANCE).value(), "sample " + i);
                }
                MetricValue poisoned = RagScorer.score(inputs.get(1), all.get(1)).get(RagScorer.ANSWER_RELEVANCE);
                assertEquals(MetricValue.Status.FAILED, poisoned.status());
                assertEquals("no similarity between question and answer (answer relevance failed: HTTP 429 after 2"
                        + " attempts (Retry-After " + "9".repeat(40) + " capped at 50 ms))", poisoned.reason());
                assertEquals(Map.of("HTTP 429", 3L), judge.stats().failedByKind(),
                        "claims, relevance and answer relevance of the poisoned sample");
            }
        }
    }

    @Test
    void everyCallFailingIsCountedByCause() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (LlmJudge judge = new LlmJudge(config("http://127.0.0.1:" + port + "/v1", 0), (String) null)) {
            Judgment j = judge.judge(SAMPLE);
            assertEquals("claim extraction failed: connection refused by 127.0.0.1:" + port + " after 1 attempt",
                    j.answerClaims().get(0).reason());
            LlmJudge.CallStats stats = judge.stats();
            assertTrue(stats.allFailed());
            assertEquals(Map.of(ChatException.REFUSED, 3L), stats.failedByKind(),
                    "claims, relevance and answer relevance; no support check without claims");
        }
    }

    @Test
    void anUnsetApiKeyVariableIsRefusedBeforeTheFirstCall() throws IOException {
        try (ReplayServer s = happy(new ReplayServer())) {
            String unset = "PLUMBLINE_TEST_SURELY_UNSET_KEY_VARIABLE";
            LlmJudgeConfig c = LlmJudgeConfig.of(s.baseUrl(), "test-model", unset);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LlmJudge(c));
            assertEquals("environment variable " + unset + " (the LLM API key) is not set; export it, or name the"
                    + " variable that holds the key", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> LlmJudge.apiKey(unset, "  "));
            assertEquals("sk-x", LlmJudge.apiKey(unset, "sk-x"));
            assertEquals(null, LlmJudge.apiKey(null, null), "no variable: an endpoint without auth");
            assertTrue(s.bodies.isEmpty(), "no request was sent");
        }
    }

    private long cachedReplies() throws IOException {
        try (Stream<Path> files = Files.walk(cacheDir)) {
            return files.filter(f -> f.toString().endsWith(".json")).count();
        }
    }
}
