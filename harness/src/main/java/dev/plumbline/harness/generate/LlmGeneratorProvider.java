package dev.plumbline.harness.generate;

import dev.plumbline.engines.StageConfig;
import dev.plumbline.engines.cache.EmbeddingCache;
import dev.plumbline.metrics.rag.llm.ChatClient;
import dev.plumbline.metrics.rag.llm.ChatException;
import dev.plumbline.metrics.rag.llm.LlmJudgeConfig;
import dev.plumbline.metrics.rag.llm.Prompt;
import dev.plumbline.metrics.rag.llm.ResponseCache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code llm}: any OpenAI-compatible chat-completions endpoint (vLLM, llama.cpp server, Ollama,
 * hosted APIs) answers from a prompt template ({@code prompt}: a file with {@code {{question}}}
 * and {@code {{contexts}}}; default the shipped {@code prompts/generate-v1.txt}), at temperature 0
 * with a {@code seed} (default 42) where the server honours one. Replies are kept in the
 * content-addressed cache (key: prompt's SHA-256, model, seed, the exact messages), so a rerun
 * costs nothing and gives the same answers; retries with capped exponential backoff on timeouts,
 * connection errors, 408, 429 and 5xx are the judge's client's. A call that still fails is the
 * answer ({@link Answer#failed} with the HTTP status or the cause), counted by the cell.
 */
public final class LlmGeneratorProvider implements GeneratorProvider {
    /** The prompt used without {@code prompt}. */
    public static final String DEFAULT_PROMPT = "generate-v1";

    private final Function<String, String> env;

    /** Reads API keys from the process environment. */
    public LlmGeneratorProvider() {
        this(System::getenv);
    }

    /** Reads API keys through {@code env} (tests). */
    LlmGeneratorProvider(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "llm";
    }

    @Override
    public String describe() {
        return "an OpenAI-compatible chat endpoint answering from a prompt template";
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("base_url", "model", "api_key_env", "prompt", "seed", "max_tokens", "timeout_s", "retries",
                "backoff_ms", "max_retry_wait_s", "concurrency", "cache_dir");
    }

    @Override
    public void check(StageConfig c) {
        GeneratorProvider.super.check(c);
        config(c);
        prompt(c);
        String keyEnv = c.stringValue("api_key_env", "OPENAI_API_KEY");
        if (!keyEnv.equals("none") && env.apply(keyEnv) == null) {
            throw new IllegalArgumentException(c.keyPath("api_key_env") + ": the environment variable " + keyEnv
                    + " is not set; export it, or set api_key_env: none for a server without a key");
        }
    }

    /** The endpoint settings, checked. */
    static LlmJudgeConfig config(StageConfig c) {
        for (String required : List.of("base_url", "model")) {
            if (!c.options().containsKey(required)) {
                throw new IllegalArgumentException(c.keyPath() + ": missing key '" + required + "' (the llm generator"
                        + " needs base_url, e.g. http://localhost:8000/v1, and model)");
            }
        }
        String keyEnv = c.stringValue("api_key_env", "OPENAI_API_KEY");
        String cache = c.stringValue("cache_dir", EmbeddingCache.defaultRoot().resolve("llm-generate").toString());
        try {
            return new LlmJudgeConfig(c.stringValue("base_url", null), c.stringValue("model", null),
                    keyEnv.equals("none") ? null : keyEnv, Duration.ofSeconds(c.intValue("timeout_s", 60, 1, 86_400)),
                    c.intValue("retries", 3, 0, 100), Duration.ofMillis(c.intValue("backoff_ms", 1000, 0, 600_000)),
                    c.intValue("concurrency", 4, 1, 1024), cache.equals("none") ? null : Path.of(cache),
                    Duration.ofSeconds(c.intValue("max_retry_wait_s", 60, 0, 86_400)),
                    LlmJudgeConfig.DEFAULT_MAX_REPLY_BYTES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(c.keyPath() + ": " + e.getMessage(), e);
        }
    }

    /** The prompt template: the file {@code prompt} names (versioned by its SHA-256), or the shipped one. */
    static Prompt prompt(StageConfig c) {
        String file = c.stringValue("prompt", null);
        Prompt p;
        if (file == null) {
            p = Prompt.load(DEFAULT_PROMPT);
        } else {
            try {
                String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
                p = new Prompt("file-" + sha256(text).substring(0, 16), text);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(c.keyPath("prompt") + ": cannot read prompt template " + file + ": "
                        + e.getMessage(), e);
            }
        }
        for (String slot : List.of("{{question}}", "{{contexts}}")) {
            if (!p.template().contains(slot)) {
                throw new IllegalArgumentException(c.keyPath("prompt") + ": the template has no " + slot
                        + "; it needs both {{question}} and {{contexts}}");
            }
        }
        return p;
    }

    @Override
    public Generator open(StageConfig c) {
        LlmJudgeConfig config = config(c);
        Prompt prompt = prompt(c);
        long seed = c.intValue("seed", 42, 0, Integer.MAX_VALUE);
        Integer maxTokens = c.options().containsKey("max_tokens") ? c.intValue("max_tokens", 512, 1, 1_000_000) : null;
        String key = config.apiKeyEnv() == null ? null : env.apply(config.apiKeyEnv());
        return new Llm(c.name(), config, prompt, new ChatClient.Request(false, seed, maxTokens),
                new ChatClient(config, key), config.cacheDir() == null ? null : new ResponseCache(config.cacheDir()));
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Llm(String name, LlmJudgeConfig config, Prompt prompt, ChatClient.Request request,
                       ChatClient client, ResponseCache cache) implements Generator {
        @Override
        public String type() {
            return "llm";
        }

        @Override
        public Map<String, String> details() {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("base_url", config.baseUrl());
            d.put("model", config.model());
            d.put("prompt", prompt.id());
            d.put("prompt_sha256", sha256(prompt.template()));
            d.put("temperature", "0");
            d.put("seed", Long.toString(request.seed()));
            if (request.maxTokens() != null) {
                d.put("max_tokens", Integer.toString(request.maxTokens()));
            }
            d.put("retries", Integer.toString(config.maxRetries()));
            return d;
        }

        @Override
        public Answer generate(String question, List<String> contexts) {
            StringBuilder numbered = new StringBuilder();
            for (int i = 0; i < contexts.size(); i++) {
                numbered.append('[').append(i + 1).append("] ").append(contexts.get(i).strip()).append('\n');
            }
            String text = prompt.render(Map.of("question", question, "contexts", numbered.toString().strip()));
            List<ChatClient.Message> messages = List.of(new ChatClient.Message("user", text));
            String cacheKey = ResponseCache.key(sha256(prompt.template()), config.model() + "|seed=" + request.seed()
                    + "|max_tokens=" + request.maxTokens(), text);
            if (cache != null) {
                var hit = cache.get(cacheKey);
                if (hit.isPresent()) {
                    return Answer.of(hit.get());
                }
            }
            try {
                String reply = client.complete(messages, request).strip();
                if (cache != null) {
                    try {
                        cache.put(cacheKey, reply);
                    } catch (IOException e) {
                        // A cache that cannot be written costs a later rerun a request, not this answer.
                    }
                }
                return Answer.of(reply);
            } catch (ChatException e) {
                return Answer.failed(e.kind(), e.getMessage());
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
