package dev.plumbline.harness.cli;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.Datasets;
import dev.plumbline.datasets.LoadOptions;
import dev.plumbline.datasets.RagSample;
import dev.plumbline.engines.cache.EmbeddingCache;
import dev.plumbline.harness.UsageException;
import dev.plumbline.harness.run.JudgeSettings;
import dev.plumbline.harness.run.Judges;
import dev.plumbline.metrics.rag.Judge;
import dev.plumbline.metrics.rag.llm.ChatException;
import dev.plumbline.metrics.rag.llm.LlmJudge;
import dev.plumbline.metrics.rag.llm.LlmJudgeConfig;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/** Options and helpers shared by the judge commands: which judge, and how samples become judge inputs. */
final class JudgeSupport {
    /** Judge selection and LLM endpoint options. */
    static final class JudgeOptions {
        @Option(names = "--judge", defaultValue = "local",
                description = "local (deterministic, offline; embedding mode), local-lexical (no model), local-cross (the trained cross-encoder) or llm")
        String judge;

        @Option(names = "--judge-threads", description = "encoder threads of the local judge (default: all processors)")
        Integer judgeThreads;

        @Option(names = "--llm-base-url", description = "OpenAI-compatible endpoint, e.g. http://localhost:8000/v1")
        String llmBaseUrl;

        @Option(names = "--llm-model", description = "model name for the llm judge")
        String llmModel;

        @Option(names = "--llm-api-key-env", defaultValue = "OPENAI_API_KEY",
                description = "environment variable holding the API key, or none for an endpoint without auth"
                        + " (the key itself is never written anywhere)")
        String llmApiKeyEnv;

        @Option(names = "--llm-timeout-s", defaultValue = "60",
                description = "limit on each attempt, from sending the request to the reply's last byte (seconds)")
        double llmTimeoutSeconds;

        @Option(names = "--llm-retries", defaultValue = "3",
                description = "retries on timeouts, connection errors, 408, 429 and 5xx")
        int llmRetries;

        @Option(names = "--llm-max-retry-wait-s", defaultValue = "60",
                description = "longest wait before a retry, from backoff or a server's Retry-After (seconds)")
        double llmMaxRetryWaitSeconds;

        @Option(names = "--llm-max-reply-kb", defaultValue = "1024",
                description = "largest reply read (KiB); a longer one fails that call instead of filling memory")
        int llmMaxReplyKb;

        @Option(names = "--llm-concurrency", defaultValue = "4", description = "requests in flight at once")
        int llmConcurrency;

        @Option(names = "--llm-cache", description = "reply cache folder (default $XDG_CACHE_HOME/plumbline/llm)")
        Path llmCache;

        Judge create() {
            if (!Judges.names().contains(judge)) {
                throw new UsageException("unknown judge '" + judge + "'; use " + String.join(", ", Judges.names()));
            }
            int threads = judgeThreads != null ? judgeThreads : Runtime.getRuntime().availableProcessors();
            return Judges.open(judge, judge.equals("llm") ? llmSettings(threads) : JudgeSettings.local(threads));
        }

        /** Checks every LLM setting, the API key's variable included, before the first request. */
        private JudgeSettings llmSettings(int threads) {
            if (llmBaseUrl == null || llmModel == null) {
                throw new UsageException("--judge llm needs --llm-base-url and --llm-model");
            }
            Duration timeout = seconds("--llm-timeout-s", llmTimeoutSeconds, false);
            Duration maxWait = seconds("--llm-max-retry-wait-s", llmMaxRetryWaitSeconds, true);
            if (llmRetries < 0 || llmRetries > 100) {
                throw new UsageException("--llm-retries must be between 0 and 100, got " + llmRetries);
            }
            if (llmConcurrency < 1 || llmConcurrency > 1024) {
                throw new UsageException("--llm-concurrency must be between 1 and 1024, got " + llmConcurrency);
            }
            if (llmMaxReplyKb < 1 || llmMaxReplyKb > 1024 * 1024) {
                throw new UsageException("--llm-max-reply-kb must be between 1 and 1048576 (1 GiB), got " + llmMaxReplyKb);
            }
            String variable = llmApiKeyEnv == null || llmApiKeyEnv.isBlank() || "none".equals(llmApiKeyEnv)
                    ? null : llmApiKeyEnv;
            String key;
            try {
                key = LlmJudge.apiKey(variable, variable == null ? null : System.getenv(variable));
            } catch (IllegalArgumentException e) {
                throw new UsageException("environment variable " + variable + " (the LLM API key) is not set; export"
                        + " it, name another with --llm-api-key-env, or pass --llm-api-key-env none for an endpoint"
                        + " without auth");
            }
            Path cache = llmCache != null ? llmCache : EmbeddingCache.defaultRoot().resolve("llm");
            LlmJudgeConfig config = new LlmJudgeConfig(llmBaseUrl, llmModel, variable, timeout, llmRetries,
                    Duration.ofSeconds(1), llmConcurrency, cache, maxWait, llmMaxReplyKb * 1024);
            return new JudgeSettings(threads, config, key);
        }

        private static Duration seconds(String option, double value, boolean zeroAllowed) {
            if (!(value >= 0) || (!zeroAllowed && value == 0) || value > 86_400) {
                throw new UsageException(option + (zeroAllowed ? " must be between 0 and 86400 seconds, got "
                        : " must be above 0 and at most 86400 seconds, got ") + value);
            }
            return Duration.ofNanos(Math.round(value * 1e9));
        }
    }

    /**
     * After judging: an LLM judge whose every call failed is an error (one line naming the cause
     * and the fix; nothing is written, so an earlier good output stays as it was); some failed
     * calls are one line on stderr, since their metric values are failed and counted, not averaged.
     */
    static void checkCalls(Judge judge) {
        if (!(judge instanceof LlmJudge llm)) {
            return;
        }
        LlmJudge.CallStats stats = llm.stats();
        String causes = String.join(", ", stats.failedByKind().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList());
        if (stats.allFailed()) {
            String top = stats.failedByKind().keySet().iterator().next();
            throw new UsageException("every LLM judge call failed (" + stats.failed() + " of " + stats.calls() + ": "
                    + causes + "); nothing was written; " + hint(top));
        }
        if (stats.failed() > 0) {
            System.err.println("plumbline: " + stats.failed() + " of " + stats.calls() + " LLM judge calls failed ("
                    + causes + "); their metric values are failed (null, counted in the summary), not averaged");
        }
        if (stats.cacheWriteFailures() > 0) {
            System.err.println("plumbline: " + stats.cacheWriteFailures() + " LLM replies could not be cached (they"
                    + " were used); check that --llm-cache is writable");
        }
    }

    /** The likeliest fix for the commonest cause. */
    private static String hint(String kind) {
        return switch (kind) {
            case ChatException.REFUSED, ChatException.CONNECTION -> "is the server running and --llm-base-url right?";
            case ChatException.TIMEOUT -> "raise --llm-timeout-s, or lower --llm-concurrency for a slow server";
            case ChatException.TOO_LARGE -> "raise --llm-max-reply-kb if such long replies are expected";
            case ChatException.MALFORMED -> "--llm-base-url should be the API root, e.g. http://localhost:8000/v1";
            case "HTTP 401", "HTTP 403" -> "check the API key and --llm-api-key-env";
            case "HTTP 404" -> "check --llm-base-url (the API root, e.g. http://localhost:8000/v1) and --llm-model";
            case "HTTP 429" -> "the endpoint is rate-limiting: lower --llm-concurrency or raise --llm-retries";
            case "invalid JSON", "unusable reply" -> "the model does not follow the JSON reply format; try another"
                    + " --llm-model";
            default -> kind.startsWith("HTTP 5") ? "the endpoint is failing: try again later or raise --llm-retries"
                    : "check --llm-base-url and --llm-model";
        };
    }

    private JudgeSupport() {
    }

    static Dataset load(String spec) {
        Dataset d = Datasets.load(spec, LoadOptions.DEFAULTS);
        if (d.samples().isEmpty()) {
            throw new UsageException(spec + " has no RAG samples; use a rag:, halueval:, ragtruth:, begin: or builtin:demo dataset");
        }
        return d;
    }

    /**
     * The held-out fifth of a fitting dataset: samples whose question hashes into the lowest 20%
     * of SHA-256 space. Keyed by the question, not the sample id, so the faithful and hallucinated
     * answers to one HaluEval question always fall on the same side; independent of file order.
     */
    static boolean heldOut(RagSample s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.userInput().getBytes(StandardCharsets.UTF_8));
            return (h[0] & 0xff) < 51;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
