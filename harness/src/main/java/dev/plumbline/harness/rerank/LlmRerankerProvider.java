package dev.plumbline.harness.rerank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumbline.engines.StageConfig;
import dev.plumbline.engines.cache.EmbeddingCache;
import dev.plumbline.engines.rerank.Reranker;
import dev.plumbline.engines.rerank.RerankerProvider;
import dev.plumbline.metrics.rag.llm.ChatClient;
import dev.plumbline.metrics.rag.llm.ChatException;
import dev.plumbline.metrics.rag.llm.LlmJudgeConfig;
import dev.plumbline.metrics.rag.llm.Prompt;
import dev.plumbline.metrics.rag.llm.ResponseCache;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code llm}: reranking through an OpenAI-compatible chat endpoint, the judge's client (JSON
 * replies, temperature 0, retries with backoff, the content-addressed cache). {@code mode}
 * {@code pointwise} (default) asks for each candidate's relevance from 0 to 10
 * ({@code prompts/rerank-pointwise-v1.txt}); {@code listwise} shows all candidates at once and asks
 * for their order ({@code prompts/rerank-listwise-v1.txt}, RankGPT-style), a candidate the reply
 * leaves out ranking below those it lists. A failed call or unusable reply leaves its candidates
 * unscored (NaN, kept in first-stage order below the scored ones) and is counted by kind.
 */
public final class LlmRerankerProvider implements RerankerProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Function<String, String> env;

    /** Reads API keys from the process environment. */
    public LlmRerankerProvider() {
        this(System::getenv);
    }

    LlmRerankerProvider(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "llm";
    }

    @Override
    public String describe() {
        return "an OpenAI-compatible chat endpoint scoring (pointwise) or ordering (listwise) the candidates";
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("mode", "base_url", "model", "api_key_env", "timeout_s", "retries", "backoff_ms", "cache_dir",
                "max_chars");
    }

    @Override
    public void check(StageConfig c) {
        RerankerProvider.super.check(c);
        mode(c);
        config(c);
        c.intValue("max_chars", 2000, 50, 1_000_000);
        String keyEnv = c.stringValue("api_key_env", "OPENAI_API_KEY");
        if (!keyEnv.equals("none") && env.apply(keyEnv) == null) {
            throw new IllegalArgumentException(c.keyPath("api_key_env") + ": the environment variable " + keyEnv
                    + " is not set; export it, or set api_key_env: none for a server without a key");
        }
    }

    private static boolean mode(StageConfig c) {
        String m = c.stringValue("mode", "pointwise");
        if (!m.equals("pointwise") && !m.equals("listwise")) {
            throw new IllegalArgumentException(c.keyPath("mode") + ": must be pointwise or listwise, got '" + m + "'");
        }
        return m.equals("listwise");
    }

    private static LlmJudgeConfig config(StageConfig c) {
        for (String required : List.of("base_url", "model")) {
            if (!c.options().containsKey(required)) {
                throw new IllegalArgumentException(c.keyPath() + ": missing key '" + required + "' (the llm reranker"
                        + " needs base_url, e.g. http://localhost:8000/v1, and model)");
            }
        }
        String keyEnv = c.stringValue("api_key_env", "OPENAI_API_KEY");
        String cache = c.stringValue("cache_dir", EmbeddingCache.defaultRoot().resolve("llm-rerank").toString());
        try {
            return new LlmJudgeConfig(c.stringValue("base_url", null), c.stringValue("model", null),
                    keyEnv.equals("none") ? null : keyEnv, Duration.ofSeconds(c.intValue("timeout_s", 60, 1, 86_400)),
                    c.intValue("retries", 3, 0, 100), Duration.ofMillis(c.intValue("backoff_ms", 1000, 0, 600_000)), 4,
                    cache.equals("none") ? null : Path.of(cache), LlmJudgeConfig.DEFAULT_MAX_RETRY_WAIT,
                    LlmJudgeConfig.DEFAULT_MAX_REPLY_BYTES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(c.keyPath() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Reranker open(StageConfig c) {
        LlmJudgeConfig config = config(c);
        boolean listwise = mode(c);
        String key = config.apiKeyEnv() == null ? null : env.apply(config.apiKeyEnv());
        return new Llm(config, listwise, Prompt.load(listwise ? "rerank-listwise-v1" : "rerank-pointwise-v1"),
                c.intValue("max_chars", 2000, 50, 1_000_000), new ChatClient(config, key),
                config.cacheDir() == null ? null : new ResponseCache(config.cacheDir()), new TreeMap<>());
    }

    private record Llm(LlmJudgeConfig config, boolean listwise, Prompt prompt, int maxChars, ChatClient client,
                       ResponseCache cache, Map<String, Integer> failed) implements Reranker {
        @Override
        public String type() {
            return "llm";
        }

        @Override
        public Map<String, String> details() {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("mode", listwise ? "listwise" : "pointwise");
            d.put("base_url", config.baseUrl());
            d.put("model", config.model());
            d.put("prompt", prompt.id());
            return d;
        }

        @Override
        public Map<String, Integer> failures() {
            return Map.copyOf(failed);
        }

        private String clip(String s) {
            return s.length() <= maxChars ? s : s.substring(0, maxChars);
        }

        /** The reply as JSON, from the cache when it has it; {@code null} after counting a failure. */
        private JsonNode ask(String text) {
            String key = ResponseCache.key(prompt.id(), config.model(), text);
            String reply = cache == null ? null : cache.get(key).orElse(null);
            if (reply == null) {
                try {
                    reply = client.complete(List.of(new ChatClient.Message("user", text)));
                } catch (ChatException e) {
                    failed.merge(e.kind(), 1, Integer::sum);
                    return null;
                }
            }
            JsonNode n;
            try {
                n = JSON.readTree(reply);
            } catch (IOException e) {
                n = null;
            }
            if (n == null || !n.isObject()) {
                failed.merge("unusable reply", 1, Integer::sum);
                return null;
            }
            if (cache != null) {
                try {
                    cache.put(key, reply);
                } catch (IOException e) {
                    // A cache that cannot be written costs a later rerun a request, not this score.
                }
            }
            return n;
        }

        @Override
        public double[] scores(String query, List<String> candidates) {
            double[] out = new double[candidates.size()];
            Arrays.fill(out, Double.NaN);
            if (!listwise) {
                for (int i = 0; i < candidates.size(); i++) {
                    JsonNode n = ask(prompt.render(Map.of("query", query, "passage", clip(candidates.get(i)))));
                    if (n != null && n.path("score").isNumber() && n.get("score").doubleValue() >= 0
                            && n.get("score").doubleValue() <= 10) {
                        out[i] = n.get("score").doubleValue();
                    } else if (n != null) {
                        failed.merge("unusable reply", 1, Integer::sum);
                    }
                }
                return out;
            }
            StringBuilder list = new StringBuilder();
            for (int i = 0; i < candidates.size(); i++) {
                list.append('[').append(i + 1).append("] ").append(clip(candidates.get(i)).strip()).append('\n');
            }
            JsonNode n = ask(prompt.render(Map.of("query", query, "passages", list.toString().strip(),
                    "count", Integer.toString(candidates.size()))));
            if (n == null) {
                return out;
            }
            if (!n.path("ranking").isArray()) {
                failed.merge("unusable reply", 1, Integer::sum);
                return out;
            }
            int position = 0;
            for (JsonNode id : n.get("ranking")) {
                int i = id.asInt(0) - 1;
                if (i >= 0 && i < out.length && Double.isNaN(out[i])) {
                    out[i] = candidates.size() - position++;
                }
            }
            // Left out of the reply: below every listed one, in first-stage order.
            for (int i = 0; i < out.length; i++) {
                if (Double.isNaN(out[i])) {
                    out[i] = -i - 1;
                }
            }
            return out;
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
