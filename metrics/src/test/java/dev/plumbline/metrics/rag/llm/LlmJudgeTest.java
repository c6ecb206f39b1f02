package dev.plumbline.metrics.rag.llm;

import dev.plumbline.metrics.rag.Judgment;
import dev.plumbline.metrics.rag.MetricValue;
import dev.plumbline.metrics.rag.RagInput;
import dev.plumbline.metrics.rag.RagScorer;
import dev.plumbline.metrics.rag.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.plumbline.metrics.rag.llm.ReplayServer.Reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The LLM judge against a local server replaying recorded replies, faults included. */
class LlmJudgeTest {
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

    private static LlmJudge judge(ReplayServer s, Path cache, Duration timeout, int retries) {
        LlmJudgeConfig c = LlmJudgeConfig.of(s.baseUrl(), "test-model", null)
                .withTiming(timeout, retries, Duration.ofMillis(1));
        if (cache != null) {
            c = c.withCache(cache);
        }
        return new LlmJudge(c, new ChatClient(c, "secret-123"));
    }

    @Test
    void verdictsBecomeMetricsWithEvidence() throws IOException {
        try (ReplayServer s = happy(new ReplayServer())) {
            LlmJudge judge = judge(s, null, Duration.ofSeconds(5), 0);
            Judgment j = judge.judge(SAMPLE);
            Map<String, MetricValue> m = RagScorer.score(SAMPLE, j);
            assertEquals(0.5, m.get(RagScorer.FAITHFULNESS).value());
            assertEquals(1.0, m.get(RagScorer.CONTEXT_PRECISION).value());
            assertEquals(0.9, m.get(RagScorer.ANSWER_RELEVANCE).value());
            assertEquals(0, j.answerClaims().get(0).supportingContext());
            assertEquals("colour not mentioned", j.answerClaims().get(1).reason());
            assertEquals(0, judge.failures());
            assertTrue(s.authorizations.stream().allMatch("Bearer secret-123"::equals));
            assertTrue(s.bodies.stream().allMatch(b -> b.contains("\"temperature\":0") && !b.contains("secret-123")));
        }
    }

    @Test
    void malformedJsonGetsOneRepairAttempt() throws IOException {
        try (ReplayServer s = happy(new ReplayServer())) {
            s.on(CLAIMS, Reply.ok("Sure! The claims are: the bridge opened in 1932."),
                    Reply.ok("```json\n{\"claims\": [\"The bridge opened in 1932.\", \"The bridge is red.\"]}\n```"));
            LlmJudge judge = judge(s, null, Duration.ofSeconds(5), 0);
            assertEquals(0.5, RagScorer.score(SAMPLE, judge.judge(SAMPLE)).get(RagScorer.FAITHFULNESS).value());
            assertEquals(0, judge.failures());
            assertTrue(s.bodies.stream().anyMatch(b -> b.contains("not a valid JSON object")));
        }
    }

    @Test
    void stillMalformedAfterRepairIsACountedFailure() throws IOException {
        try (ReplayServer s = happy(new ReplayServer())) {
            s.on(CLAIMS, Reply.ok("not json"), Reply.ok("still {not json"));
            LlmJudge judge = judge(s, null, Duration.ofSeconds(5), 0);
            Judgment j = judge.judge(SAMPLE);
            MetricValue f = RagScorer.score(SAMPLE, j).get(RagScorer.FAITHFULNESS);
            assertEquals(MetricValue.Status.FAILED, f.status());
            assertTrue(Double.isNaN(f.value()));
            assertEquals(Verdict.FAILED, j.answerClaims().get(0).verdict());
            assertEquals("claim extraction failed: reply was not a JSON object after one repair request",
                    j.answerClaims().get(0).reason());
            assertEquals(1, judge.failures());
            assertEquals(Map.of("invalid JSON", 1L), judge.stats().failedByKind());
        }
    }

    @Test
    void serverErrorsAndRateLimitsAreRetried() throws IOException {
        try (ReplayServer s = happy(new ReplayServer())) {
            s.on(RELEVANCE, Reply.error(500), Reply.error(503),
                    new Reply(429, null, 0, Map.of("Retry-After", "0")), Reply.ok("{\"relevant\": [false, true]}"));
            LlmJudge judge = judge(s, null, Duration.ofSeconds(5), 3);
            assertEquals(0.5, RagScorer.score(SAMPLE, judge.judge(SAMPLE)).get(RagScorer.CONTEXT_PRECISION).value());
            assertEquals(0, judge.failures());
        }
    }

    @Test
    void timeoutsExhaustRetriesAndFailTheVerdict() throws IOException {
        try (ReplayServer s = happy(new ReplayServer())) {
            s.on(ANSWER, Reply.slow(1500, "{\"relevance\": 1}"));
            LlmJudge judge = judge(s, null, Duration.ofMillis(200), 1);
            MetricValue ar = RagScorer.score(SAMPLE, judge.judge(SAMPLE)).get(RagScorer.ANSWER_RELEVANCE);
            assertEquals(MetricValue.Status.FAILED, ar.status());
            assertEquals("no similarity between question and answer (answer relevance failed: timed out after 200 ms"
                    + " after 2 attempts)", ar.reason());
            assertEquals(1, judge.failures());
        }
    }

    @Test
    void cachedRepliesMakeRerunsFreeAndIdentical() throws IOException {
        try (ReplayServer s = happy(new ReplayServer())) {
            LlmJudge first = judge(s, cacheDir, Duration.ofSeconds(5), 0);
            Judgment a = first.judge(SAMPLE);
            assertEquals(4, first.requestsSent());
            LlmJudge second = judge(s, cacheDir, Duration.ofSeconds(5), 0);
            Judgment b = second.judge(SAMPLE);
            assertEquals(0, second.requestsSent());
            assertEquals(a, b);
        }
    }

    @Test
    void identityNamesModelAndPromptVersionsButNoKey() throws IOException {
        try (ReplayServer s = new ReplayServer()) {
            LlmJudge judge = judge(s, null, Duration.ofSeconds(1), 0);
            assertEquals("test-model", judge.identity().model());
            assertTrue(judge.identity().promptVersion().contains("support-v1"));
            assertFalse(judge.identity().toString().contains("secret-123"));
        }
    }

    @Test
    void judgingManyKeepsTheConfiguredConcurrencyInFlight() throws IOException {
        try (ReplayServer s = new ReplayServer()) {
            s.on(CLAIMS, Reply.slow(100, "{\"claims\": [\"The bridge opened in 1932.\"]}"))
                    .on(SUPPORT, Reply.slow(100, "{\"verdicts\": [{\"claim\": 1, \"supported\": true, \"context\": 1, "
                            + "\"reason\": \"stated\"}]}"))
                    .on(RELEVANCE, Reply.slow(100, "{\"relevant\": [true, false]}"))
                    .on(ANSWER, Reply.slow(100, "{\"relevance\": 0.9, \"noncommittal\": false}"));
            LlmJudgeConfig c = LlmJudgeConfig.of(s.baseUrl(), "test-model", null)
                    .withTiming(Duration.ofSeconds(5), 0, Duration.ofMillis(1));
            assertEquals(4, c.concurrency());
            try (LlmJudge judge = new LlmJudge(c, new ChatClient(c, null))) {
                List<RagInput> inputs = java.util.stream.IntStream.range(0, 12)
                        .mapToObj(i -> new RagInput("s" + i, SAMPLE.question() + " " + i, SAMPLE.answer(),
                                SAMPLE.contexts(), null)).toList();
                List<Judgment> all = judge.judgeAll(inputs);
                assertEquals(12, all.size());
                assertTrue(all.stream().allMatch(j -> j.answerClaims().size() == 1), all.toString());
                assertEquals(4, s.maxInFlight.get(), "requests in flight at once");
            }
        }
    }
}
