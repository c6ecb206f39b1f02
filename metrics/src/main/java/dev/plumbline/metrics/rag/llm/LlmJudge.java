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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A judge backed by an OpenAI-compatible LLM, following RAGAS's decomposition: extract the
 * answer's claims, check them against the numbered contexts, judge each context's relevance, and
 * rate how directly the answer addresses the question. Replies must be JSON; an unparsable reply
 * gets one repair request, and a reply that is still unusable, or a request that fails after its
 * retries, becomes {@link Verdict#FAILED} verdicts (counted by the metrics, never dropped).
 * Replies are cached by content, so reruns are free and reproducible.
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
    private final AtomicLong failures = new AtomicLong();

    /** Reads the API key from {@code config.apiKeyEnv()}; it is held in memory only. */
    public LlmJudge(LlmJudgeConfig config) {
        this(config, new ChatClient(config, config.apiKeyEnv() == null ? null : System.getenv(config.apiKeyEnv())));
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
                futures.add(executor.submit(() -> judge(in)));
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
                // judge() turns every failed call into FAILED verdicts; anything else is a bug.
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

    @Override
    public Judgment judge(RagInput in) {
        List<ClaimVerdict> answerClaims = judgeClaims(in.question(), in.answer(), in.contexts());
        List<ContextVerdict> contexts = judgeContexts(in);
        List<ClaimVerdict> referenceClaims = in.reference() == null || in.reference().isBlank() ? List.of()
                : judgeClaims(in.question(), in.reference(), in.contexts());
        double similarity = Double.NaN;
        boolean noncommittal = false;
        Optional<JsonNode> ar = ask(answerRelevance, Map.of("question", in.question(), "answer", in.answer()));
        if (ar.isPresent() && ar.get().path("relevance").isNumber()) {
            similarity = Math.max(0, Math.min(1, ar.get().path("relevance").asDouble()));
            noncommittal = ar.get().path("noncommittal").asBoolean(false);
        }
        return new Judgment(answerClaims, contexts, referenceClaims, similarity, noncommittal);
    }

    private List<ClaimVerdict> judgeClaims(String question, String text, List<String> contexts) {
        Optional<JsonNode> extracted = ask(claims, Map.of("question", question, "text", text));
        if (extracted.isEmpty() || !extracted.get().path("claims").isArray()) {
            return List.of(new ClaimVerdict(text, Verdict.FAILED, -1, Double.NaN, "claim extraction failed"));
        }
        List<String> list = new ArrayList<>();
        extracted.get().path("claims").forEach(c -> list.add(c.asText()));
        if (list.isEmpty()) {
            return List.of();
        }
        Optional<JsonNode> checked = ask(support, Map.of("contexts", numbered(contexts), "claims", numbered(list)));
        List<ClaimVerdict> out = new ArrayList<>();
        JsonNode verdicts = checked.map(n -> n.path("verdicts")).orElse(null);
        for (int i = 0; i < list.size(); i++) {
            JsonNode v = verdicts != null && verdicts.isArray() ? verdicts.path(i) : null;
            if (v == null || !v.path("supported").isBoolean()) {
                out.add(new ClaimVerdict(list.get(i), Verdict.FAILED, -1, Double.NaN, "no verdict for this claim"));
                continue;
            }
            boolean yes = v.path("supported").asBoolean();
            int ctx = v.path("context").asInt(0) - 1;
            out.add(new ClaimVerdict(list.get(i), yes ? Verdict.YES : Verdict.NO,
                    yes && ctx >= 0 && ctx < contexts.size() ? ctx : -1, yes ? 1 : 0, v.path("reason").asText("")));
        }
        return out;
    }

    private List<ContextVerdict> judgeContexts(RagInput in) {
        boolean hasReference = in.reference() != null && !in.reference().isBlank();
        Optional<JsonNode> r = ask(relevance, Map.of(
                "question", in.question(),
                "reference_hint", hasReference ? " and arriving at the reference answer" : "",
                "reference_block", hasReference ? "\nReference answer:\n" + in.reference() + "\n" : "",
                "contexts", numbered(in.contexts())));
        JsonNode flags = r.map(n -> n.path("relevant")).orElse(null);
        List<ContextVerdict> out = new ArrayList<>();
        for (int i = 0; i < in.contexts().size(); i++) {
            JsonNode f = flags != null && flags.isArray() ? flags.path(i) : null;
            if (f == null || !f.isBoolean()) {
                out.add(new ContextVerdict(i, Verdict.FAILED, Double.NaN, "no relevance verdict for this context"));
            } else {
                out.add(new ContextVerdict(i, f.asBoolean() ? Verdict.YES : Verdict.NO, f.asBoolean() ? 1 : 0, ""));
            }
        }
        return out;
    }

    /** Sends a prompt (or reads its cached reply); one repair round for invalid JSON; empty on failure. */
    private Optional<JsonNode> ask(Prompt prompt, Map<String, String> values) {
        String user = prompt.render(values);
        List<ChatClient.Message> messages = List.of(new ChatClient.Message("system", SYSTEM),
                new ChatClient.Message("user", user));
        String key = ResponseCache.key(prompt.id(), config.model(), SYSTEM + "\u0000" + user);
        if (cache != null) {
            Optional<String> hit = cache.get(key);
            if (hit.isPresent()) {
                return parse(hit.get());
            }
        }
        try {
            String reply = client.complete(messages);
            Optional<JsonNode> parsed = parse(reply);
            if (parsed.isEmpty()) {
                List<ChatClient.Message> repair = new ArrayList<>(messages);
                repair.add(new ChatClient.Message("assistant", reply));
                repair.add(new ChatClient.Message("user",
                        "That reply was not a valid JSON object. Reply again with only the JSON object."));
                reply = client.complete(repair);
                parsed = parse(reply);
            }
            if (parsed.isEmpty()) {
                failures.incrementAndGet();
                return Optional.empty();
            }
            if (cache != null) {
                cache.put(key, reply);
            }
            return parsed;
        } catch (ChatException | IOException e) {
            failures.incrementAndGet();
            return Optional.empty();
        }
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
