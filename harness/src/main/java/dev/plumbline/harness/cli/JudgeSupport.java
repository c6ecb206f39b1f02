package dev.plumbline.harness.cli;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.Datasets;
import dev.plumbline.datasets.LoadOptions;
import dev.plumbline.datasets.RagSample;
import dev.plumbline.engines.cache.EmbeddingCache;
import dev.plumbline.harness.UsageException;
import dev.plumbline.harness.run.LocalJudges;
import dev.plumbline.metrics.rag.Judge;
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
                description = "local (deterministic, offline; embedding mode), local-lexical (no model) or llm")
        String judge;

        @Option(names = "--judge-threads", description = "encoder threads of the local judge (default: all processors)")
        Integer judgeThreads;

        @Option(names = "--llm-base-url", description = "OpenAI-compatible endpoint, e.g. http://localhost:8000/v1")
        String llmBaseUrl;

        @Option(names = "--llm-model", description = "model name for the llm judge")
        String llmModel;

        @Option(names = "--llm-api-key-env", defaultValue = "OPENAI_API_KEY",
                description = "environment variable holding the API key (the key itself is never written anywhere)")
        String llmApiKeyEnv;

        @Option(names = "--llm-timeout-s", defaultValue = "60", description = "per-request timeout in seconds")
        int llmTimeoutSeconds;

        @Option(names = "--llm-retries", defaultValue = "3", description = "retries on timeouts, 429 and 5xx")
        int llmRetries;

        @Option(names = "--llm-concurrency", defaultValue = "4", description = "requests in flight at once")
        int llmConcurrency;

        @Option(names = "--llm-cache", description = "reply cache folder (default $XDG_CACHE_HOME/plumbline/llm)")
        Path llmCache;

        Judge create() {
            return switch (judge) {
                case "local", "local-lexical" -> LocalJudges.open(judge,
                        judgeThreads != null ? judgeThreads : Runtime.getRuntime().availableProcessors());
                case "llm" -> {
                    if (llmBaseUrl == null || llmModel == null) {
                        throw new UsageException("--judge llm needs --llm-base-url and --llm-model");
                    }
                    Path cache = llmCache != null ? llmCache : EmbeddingCache.defaultRoot().resolve("llm");
                    yield new LlmJudge(new LlmJudgeConfig(llmBaseUrl, llmModel, llmApiKeyEnv,
                            Duration.ofSeconds(llmTimeoutSeconds), llmRetries, Duration.ofSeconds(1), llmConcurrency,
                            cache, LlmJudgeConfig.DEFAULT_MAX_RETRY_WAIT, LlmJudgeConfig.DEFAULT_MAX_REPLY_BYTES));
                }
                default -> throw new UsageException("unknown judge '" + judge + "'; use local, local-lexical or llm");
            };
        }
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
