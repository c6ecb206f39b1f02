package dev.plumbline.metrics.rag.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumbline.metrics.rag.ClaimVerdict;
import dev.plumbline.metrics.rag.ContextVerdict;
import dev.plumbline.metrics.rag.Judge;
import dev.plumbline.metrics.rag.JudgeIdentity;
import dev.plumbline.metrics.rag.Judgment;
import dev.plumbline.metrics.rag.RagInput;
import dev.plumbline.metrics.rag.Verdict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * A judge backed by an OpenAI-compatible LLM, following RAGAS's decomposition: extract the
 * answer's claims, check them against the numbered contexts, judge each context's relevance, and
 * rate how directly the answer addresses the question. Replies must be JSON; an unparsable reply
 * gets one repair request, and a reply that is still unusable, or a request that fails after its
 * retries, becomes {@link Verdict#FAILED} verdicts whose reason names the cause (the HTTP status,
 * the timeout), counted by the metrics and in {@link #stats()}, never dropped. Usable replies are
 * cached by content, so reruns are free and reproducible; an unusable one is never cached.
 */
public final class LlmJudge implements Judge {
    /** Bumped when the decomposition changes. */
    public static final String VERSION = "llm-1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYSTEM = "You are a careful evaluator. Reply with JSON only.";

    private final LlmJudgeConfig config;
    private final ChatClient client;
    private final ResponseCache cache;
    private final Prompt claims = Prompt.load("claims-v1");
    private final Prompt support = Prompt.load("support-v1");
    private final Prompt relevance = Prompt.load("relevance-v1");
    private final Prompt answerRelevance = Prompt.load("answer-relevance-v1");
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong cacheWriteFailures = new AtomicLong();
    private final Map<String, LongAdder> failuresByKind = new ConcurrentHashMap<>();

    /**
     * Reads the API key from {@code config.apiKeyEnv()}; it is held in memory only.
     *
     * @throws IllegalArgumentException when that variable is unset or empty, before any request
     */
    public LlmJudge(LlmJudgeConfig config) {
        this(config, apiKey(config.apiKeyEnv(), System.getenv(config.apiKeyEnv() == null ? "" : config.apiKeyEnv())));
    }

    /**
     * A judge with a key the caller has read ({@code null} for an endpoint without auth).
     *
     * @param config endpoint settings
     * @param apiKey the key, held in memory only and redacted from everything the server sends back
     */
    public LlmJudge(LlmJudgeConfig config, String apiKey) {
        this(config, new ChatClient(config, apiKey));
    }

    /**
     * The key to use: {@code null} when no variable is configured; otherwise the variable's value.
     * An unset variable is refused here, before the first call, rather than showing up as a 401
     * on every sample.
     *
     * @param variable the configured variable name, or {@code null} for no auth
     * @param value    its value in the environment, or {@code null} when unset
     * @throws IllegalArgumentException when a variable is named but unset or empty
     */
    public static String apiKey(String variable, String value) {
        if (variable == null) {
            return null;
        }
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("environment variable " + variable + " (the LLM API key) is not set;"
                    + " export it, or name the variable that holds the key");
        }
        return value;
    }

    LlmJudge(LlmJudgeConfig config, ChatClient client) {
        this.config = config;
        this.client = client;
        this.cache = config.cacheDir() == null ? null : new ResponseCache(config.cacheDir());
    }

    @Override
    public JudgeIdentity identity() {
        String prompts = String.join(",", claims.id(), support.id(), relevance.id(), answerRelevance.id());
        return new JudgeIdentity("llm", VERSION, config.model(), prompts, sha256(config.baseUrl() + "|" + config.model()
                + "|" + prompts));
    }

    /** Calls that failed after retries and repair, so far. */
    public long failures() {
        return failures.get();
    }

    /**
     * What the judge's calls came to so far.
     *
     * @param calls              prompts asked (cache hits included)
     * @param cacheHits          prompts answered from the cache
     * @param requestsSent       HTTP requests sent (retries and repairs included)
     * @param failed             prompts that got no usable reply
     * @param failedByKind       failed prompts by cause ({@code HTTP 503}, {@code timeout}, ...), most frequent first
     * @param cacheWriteFailures usable replies the cache could not store (their verdicts are kept)
     */
    public record CallStats(long calls, long cacheHits, long requestsSent, long failed, Map<String, Long> failedByKind,
                            long cacheWriteFailures) {
        /** Whether calls were made and not one of them got a usable reply. */
        public boolean allFailed() {
            return calls > 0 && failed == calls;
        }
    }

    /** Call counts so far, failures by cause. */
    public CallStats stats() {
        Map<String, Long> byKind = new LinkedHashMap<>();
        failuresByKind.entrySet().stream()
                .sorted(Map.Entry.<String, LongAdder>comparingByValue(Comparator.comparingLong(LongAdder::sum))
                        .reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> byKind.put(e.getKey(), e.getValue().sum()));
        return new CallStats(calls.get(), cacheHits.get(), client.requestsSent(), failures.get(), byKind,
                cacheWriteFailures.get());
    }

    /** HTTP requests sent so far. */
    public long requestsSent() {
        return client.requestsSent();
    }

    /**
     * Judges each sample on its own virtual thread, so up to the configured concurrency of
     * requests are in flight whatever the core count (the client's semaphore bounds them).
     */
    @Override
    public List<Judgment> judgeAll(List<RagInput> inputs) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Judgment>> futures = new ArrayList<>(inputs.size());
            for (RagInput in : inputs) {
                futures.add(executor.submit(() -> judgeIsolated(in)));
            }
            List<Judgment> out = new ArrayList<>(inputs.size());
            try {
                for (Future<Judgment> f : futures) {
                    out.add(f.get());
                }
            } catch (InterruptedException e) {
                // Stop the remaining samples' requests now; closing the executor would wait for them.
                executor.shutdownNow();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while judging", e);
            } catch (ExecutionException e) {
                executor.shutdownNow();
                // judgeIsolated() catches what judge() throws; only an Error gets here.
                throw new IllegalStateException("llm judge failed unexpectedly: " + e.getCause(), e.getCause());
            }
            return out;
        }
    }

    /** Closes the HTTP client. */
    @Override
    public void close() {
        client.close();
    }

    /**
     * One sample whatever happens: a failure nobody foresaw fails this sample's verdicts (counted,
     * with its reason) instead of ending the run and losing every finished sample with it.
     */
    private Judgment judgeIsolated(RagInput in) {
        try {
            return judge(in);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            failuresByKind.computeIfAbsent("internal error", k -> new LongAdder()).increment();
            return failedJudgment(in, "internal error: " + ChatClient.oneLine(String.valueOf(e), 200));
        }
    }

    private static Judgment failedJudgment(RagInput in, String reason) {
        List<ContextVerdict> contexts = new ArrayList<>();
        for (int i = 0; i < in.contexts().size(); i++) {
            contexts.add(new ContextVerdict(i, Verdict.FAILED, Double.NaN, reason));
        }
        List<ClaimVerdict> reference = in.reference() == null || in.reference().isBlank() ? List.of()
                : List.of(new ClaimVerdict(in.reference(), Verdict.FAILED, -1, Double.NaN, reason));
        return new Judgment(List.of(new ClaimVerdict(in.answer(), Verdict.FAILED, -1, Double.NaN, reason)), contexts,
                reference, Double.NaN, false, reason);
    }

    @Override
    public Judgment judge(RagInput in) {
        List<ClaimVerdict> answerClaims = judgeClaims(in.question(), in.answer(), in.contexts());
        List<ContextVerdict> contexts = judgeContexts(in);
        List<ClaimVerdict> referenceClaims = in.reference() == null || in.reference().isBlank() ? List.of()
                : judgeClaims(in.question(), in.reference(), in.contexts());
        Answer ar = ask(answerRelevance, Map.of("question", in.question(), "answer", in.answer()),
                n -> n.path("relevance").isNumber(), "a numeric \"relevance\"");
        if (ar.failure() != null) {
            return new Judgment(answerClaims, contexts, referenceClaims, Double.NaN, false,
                    "answer relevance failed: " + ar.failure());
        }
        double similarity = Math.max(0, Math.min(1, ar.json().path("relevance").asDouble()));
        boolean noncommittal = ar.json().path("noncommittal").asBoolean(false);
        return new Judgment(answerClaims, contexts, referenceClaims, similarity, noncommittal);
    }

    private List<ClaimVerdict> judgeClaims(String question, String text, List<String> contexts) {
        Answer extracted = ask(claims, Map.of("question", question, "text", text),
                n -> n.path("claims").isArray(), "a \"claims\" array");
        if (extracted.failure() != null) {
            return List.of(new ClaimVerdict(text, Verdict.FAILED, -1, Double.NaN,
                    "claim extraction failed: " + extracted.failure()));
        }
        List<String> list = new ArrayList<>();
        extracted.json().path("claims").forEach(c -> list.add(c.asText()));
        if (list.isEmpty()) {
            return List.of();
        }
        Answer checked = ask(support, Map.of("contexts", numbered(contexts), "claims", numbered(list)),
                n -> everyEntry(n.path("verdicts"), list.size(), v -> v.path("supported").isBoolean()),
                "a \"verdicts\" entry with a boolean \"supported\" for each of the " + list.size() + " claims");
        List<ClaimVerdict> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (checked.failure() != null) {
                out.add(new ClaimVerdict(list.get(i), Verdict.FAILED, -1, Double.NaN,
                        "support check failed: " + checked.failure()));
                continue;
            }
            JsonNode v = checked.json().path("verdicts").path(i);
            boolean yes = v.path("supported").asBoolean();
            int ctx = v.path("context").asInt(0) - 1;
            out.add(new ClaimVerdict(list.get(i), yes ? Verdict.YES : Verdict.NO,
                    yes && ctx >= 0 && ctx < contexts.size() ? ctx : -1, yes ? 1 : 0, v.path("reason").asText("")));
        }
        return out;
    }

    private List<ContextVerdict> judgeContexts(RagInput in) {
        boolean hasReference = in.reference() != null && !in.reference().isBlank();
        int n = in.contexts().size();
        if (n == 0) {
            return List.of();
        }
        Answer r = ask(relevance, Map.of(
                "question", in.question(),
                "reference_hint", hasReference ? " and arriving at the reference answer" : "",
                "reference_block", hasReference ? "\nReference answer:\n" + in.reference() + "\n" : "",
                "contexts", numbered(in.contexts())),
                j -> everyEntry(j.path("relevant"), n, JsonNode::isBoolean),
                "a \"relevant\" boolean for each of the " + n + " passages");
        List<ContextVerdict> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (r.failure() != null) {
                out.add(new ContextVerdict(i, Verdict.FAILED, Double.NaN, "relevance check failed: " + r.failure()));
            } else {
                JsonNode f = r.json().path("relevant").path(i);
                out.add(new ContextVerdict(i, f.asBoolean() ? Verdict.YES : Verdict.NO, f.asBoolean() ? 1 : 0, ""));
            }
        }
        return out;
    }

    /**
     * A prompt's outcome: the reply's JSON object, or why there is none (one line, e.g.
     * {@code HTTP 503 after 4 attempts}).
     */
    private record Answer(JsonNode json, String failure) {
    }

    private static boolean everyEntry(JsonNode array, int n, Predicate<JsonNode> ok) {
        if (!array.isArray() || array.size() < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!ok.test(array.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sends a prompt (or reads its cached reply). A reply that is not a JSON object with what the
     * prompt asked for ({@code usable}) gets one repair request; only a usable reply is cached, so
     * a bad reply is asked again on the next run instead of being replayed forever.
     */
    private Answer ask(Prompt prompt, Map<String, String> values, Predicate<JsonNode> usable, String expected) {
        calls.incrementAndGet();
        String user = prompt.render(values);
        List<ChatClient.Message> messages = List.of(new ChatClient.Message("system", SYSTEM),
                new ChatClient.Message("user", user));
        String key = ResponseCache.key(prompt.id(), config.model(), SYSTEM + "\u0000" + user);
        if (cache != null) {
            Optional<JsonNode> hit = cache.get(key).flatMap(LlmJudge::parse).filter(usable);
            if (hit.isPresent()) {
                cacheHits.incrementAndGet();
                return new Answer(hit.get(), null);
            }
        }
        try {
            String reply = client.complete(messages);
            Optional<JsonNode> json = parse(reply);
            if (json.filter(usable).isEmpty()) {
                List<ChatClient.Message> repair = new ArrayList<>(messages);
                repair.add(new ChatClient.Message("assistant", reply));
                repair.add(new ChatClient.Message("user", json.isEmpty()
                        ? "That reply was not a valid JSON object. Reply again with only the JSON object."
                        : "That reply lacked " + expected + ". Reply again with only the JSON object."));
                reply = client.complete(repair);
                json = parse(reply);
            }
            Optional<JsonNode> parsed = json.filter(usable);
            if (parsed.isEmpty()) {
                return json.isEmpty() ? failed("invalid JSON", "reply was not a JSON object after one repair request")
                        : failed("unusable reply", "reply lacked " + expected + " after one repair request");
            }
            if (cache != null) {
                try {
                    cache.put(key, reply);
                } catch (IOException e) {
                    // The verdict is good; losing it because the cache folder is full would be worse.
                    cacheWriteFailures.incrementAndGet();
                }
            }
            return new Answer(parsed.get(), null);
        } catch (ChatException e) {
            return failed(e.kind(), e.getMessage());
        }
    }

    private Answer failed(String kind, String reason) {
        failures.incrementAndGet();
        failuresByKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
        return new Answer(null, reason);
    }

    /** Strict: the whole reply must be one JSON object (a fenced ```json block is unwrapped first). */
    static Optional<JsonNode> parse(String reply) {
        String s = reply.strip();
        if (s.startsWith("```")) {
            int nl = s.indexOf('\n');
            int end = s.lastIndexOf("```");
            if (nl > 0 && end > nl) {
                s = s.substring(nl + 1, end).strip();
            }
        }
        try {
            JsonNode n = JSON.readTree(s);
            return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String numbered(List<String> items) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            sb.append('[').append(i + 1).append("] ").append(items.get(i)).append('\n');
        }
        return sb.toString();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
