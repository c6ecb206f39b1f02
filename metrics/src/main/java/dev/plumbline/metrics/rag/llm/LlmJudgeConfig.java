package dev.plumbline.metrics.rag.llm;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach an OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama, llama.cpp
 * server). The API key is never part of the configuration: only the name of the environment
 * variable that holds it, so results, logs and reports cannot contain it.
 *
 * @param baseUrl     e.g. {@code http://localhost:8000/v1}; {@code /chat/completions} is appended
 * @param model       model name sent with every request
 * @param apiKeyEnv   environment variable holding the key, or {@code null} for endpoints without auth
 * @param timeout     per-request timeout
 * @param maxRetries  retries after a timeout, connection error, 429 or 5xx (0 = try once)
 * @param backoff     first retry delay; doubles each retry (a 429's Retry-After wins when larger)
 * @param concurrency most requests in flight at once
 * @param cacheDir    content-addressed response cache, or {@code null} for none
 */
public record LlmJudgeConfig(String baseUrl, String model, String apiKeyEnv, Duration timeout, int maxRetries,
                             Duration backoff, int concurrency, Path cacheDir) {

    /** Validates the settings. */
    public LlmJudgeConfig {
        if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("LLM judge base URL must start with http:// or https://, got " + baseUrl);
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("LLM judge needs a model name");
        }
        if (maxRetries < 0 || concurrency < 1) {
            throw new IllegalArgumentException("maxRetries must be >= 0 and concurrency >= 1");
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Sensible defaults for a local server: 60 s timeout, 3 retries from 1 s, 4 in flight, no cache. */
    public static LlmJudgeConfig of(String baseUrl, String model, String apiKeyEnv) {
        return new LlmJudgeConfig(baseUrl, model, apiKeyEnv, Duration.ofSeconds(60), 3, Duration.ofSeconds(1), 4, null);
    }

    /** A copy with a cache folder. */
    public LlmJudgeConfig withCache(Path dir) {
        return new LlmJudgeConfig(baseUrl, model, apiKeyEnv, timeout, maxRetries, backoff, concurrency, dir);
    }

    /** A copy with other timing settings (tests use short ones). */
    public LlmJudgeConfig withTiming(Duration timeout, int maxRetries, Duration backoff) {
        return new LlmJudgeConfig(baseUrl, model, apiKeyEnv, timeout, maxRetries, backoff, concurrency, cacheDir);
    }
}
