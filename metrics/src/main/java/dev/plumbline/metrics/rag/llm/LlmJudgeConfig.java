package dev.plumbline.metrics.rag.llm;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach an OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama, llama.cpp
 * server). The API key is never part of the configuration: only the name of the environment
 * variable that holds it, so results, logs and reports cannot contain it.
 *
 * @param baseUrl       e.g. {@code http://localhost:8000/v1}; {@code /chat/completions} is appended
 * @param model         model name sent with every request
 * @param apiKeyEnv     environment variable holding the key, or {@code null} for endpoints without auth
 * @param timeout       limit on one attempt, from sending the request to the last byte of the reply
 * @param maxRetries    retries after a timeout, connection error, 408, 429 or 5xx (0 = try once)
 * @param backoff       first retry delay; doubles each retry (a Retry-After header wins when larger)
 * @param concurrency   most requests in flight at once
 * @param cacheDir      content-addressed response cache, or {@code null} for none
 * @param maxRetryWait  longest wait before one retry, whether from backoff or Retry-After
 * @param maxReplyBytes largest reply body read; a longer one fails the call without being buffered
 */
public record LlmJudgeConfig(String baseUrl, String model, String apiKeyEnv, Duration timeout, int maxRetries,
                             Duration backoff, int concurrency, Path cacheDir, Duration maxRetryWait,
                             int maxReplyBytes) {
    /** Default cap on a reply body: far above any verdict reply, far below what hurts the heap. */
    public static final int DEFAULT_MAX_REPLY_BYTES = 1 << 20;
    /** Default cap on one wait before a retry. */
    public static final Duration DEFAULT_MAX_RETRY_WAIT = Duration.ofSeconds(60);

    /** Validates the settings. */
    public LlmJudgeConfig {
        if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("LLM judge base URL must start with http:// or https://, got " + baseUrl);
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("LLM judge needs a model name");
        }
        if (maxRetries < 0 || concurrency < 1) {
            throw new IllegalArgumentException("LLM judge retries must be >= 0 and concurrency >= 1, got "
                    + maxRetries + " and " + concurrency);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("LLM judge timeout must be above 0 and at most one day, got " + timeout);
        }
        if (backoff == null || backoff.isNegative()) {
            throw new IllegalArgumentException("LLM judge backoff must be >= 0, got " + backoff);
        }
        if (maxRetryWait == null || maxRetryWait.isNegative() || maxRetryWait.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("LLM judge retry wait cap must be >= 0 and at most one day, got "
                    + maxRetryWait);
        }
        if (maxReplyBytes < 1) {
            throw new IllegalArgumentException("LLM judge reply cap must be at least 1 byte, got " + maxReplyBytes);
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * Sensible defaults for a local server: 60 s timeout, 3 retries from 1 s, waits capped at
     * 60 s, 4 in flight, replies capped at 1 MiB, no cache.
     */
    public static LlmJudgeConfig of(String baseUrl, String model, String apiKeyEnv) {
        return new LlmJudgeConfig(baseUrl, model, apiKeyEnv, Duration.ofSeconds(60), 3, Duration.ofSeconds(1), 4, null,
                DEFAULT_MAX_RETRY_WAIT, DEFAULT_MAX_REPLY_BYTES);
    }

    /** A copy with a cache folder. */
    public LlmJudgeConfig withCache(Path dir) {
        return new LlmJudgeConfig(baseUrl, model, apiKeyEnv, timeout, maxRetries, backoff, concurrency, dir,
                maxRetryWait, maxReplyBytes);
    }

    /** A copy with other timing settings (tests use short ones). */
    public LlmJudgeConfig withTiming(Duration timeout, int maxRetries, Duration backoff) {
        return new LlmJudgeConfig(baseUrl, model, apiKeyEnv, timeout, maxRetries, backoff, concurrency, cacheDir,
                maxRetryWait, maxReplyBytes);
    }

    /** A copy with other caps on retry waits and reply size. */
    public LlmJudgeConfig withLimits(Duration maxRetryWait, int maxReplyBytes) {
        return new LlmJudgeConfig(baseUrl, model, apiKeyEnv, timeout, maxRetries, backoff, concurrency, cacheDir,
                maxRetryWait, maxReplyBytes);
    }
}
