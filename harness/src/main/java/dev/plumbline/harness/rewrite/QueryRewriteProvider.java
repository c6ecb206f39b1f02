package dev.plumbline.harness.rewrite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumbline.engines.cache.EmbeddingCache;
import dev.plumbline.engines.retrieval.Corpus;
import dev.plumbline.engines.retrieval.Fusion;
import dev.plumbline.engines.retrieval.Hits;
import dev.plumbline.engines.retrieval.Retriever;
import dev.plumbline.engines.retrieval.RetrieverConfig;
import dev.plumbline.engines.retrieval.RetrieverContext;
import dev.plumbline.engines.retrieval.RetrieverProvider;
import dev.plumbline.engines.retrieval.Retrievers;
import dev.plumbline.metrics.rag.llm.ChatClient;
import dev.plumbline.metrics.rag.llm.ChatException;
import dev.plumbline.metrics.rag.llm.LlmJudgeConfig;
import dev.plumbline.metrics.rag.llm.Prompt;
import dev.plumbline.metrics.rag.llm.ResponseCache;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Retrievers that let an LLM rewrite the query first, over one other retriever ({@code of: [NAME]}),
 * through the OpenAI-compatible client (JSON replies, temperature 0, retries, the cache):
 * <ul>
 *   <li>{@code multi-query} (RAG-Fusion): the LLM writes {@code n} rewrites (default 4); the query
 *       and each rewrite are retrieved ({@code depth} each, default 100) and the lists fused by
 *       reciprocal rank ({@code k} 60), trec_eval's tie order;</li>
 *   <li>{@code hyde}: the LLM writes a short passage that would answer the query, and the passage is
 *       retrieved instead of the query (Gao et al.'s HyDE).</li>
 * </ul>
 * A failed or unusable LLM reply falls back to the original query alone and is counted
 * ({@code rewrite.failed}, {@code rewrite.failed.KIND}), so no query goes unanswered or uncounted.
 */
public abstract class QueryRewriteProvider implements RetrieverProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Function<String, String> env;

    QueryRewriteProvider(Function<String, String> env) {
        this.env = env;
    }

    /** {@code multi-query}: RAG-Fusion. */
    public static final class MultiQuery extends QueryRewriteProvider {
        /** Reads API keys from the process environment. */
        public MultiQuery() {
            super(System::getenv);
        }

        MultiQuery(Function<String, String> env) {
            super(env);
        }

        @Override
        public String name() {
            return "multi-query";
        }

        @Override
        public String describe() {
            return "RAG-Fusion: n LLM rewrites of the query, each retrieved, fused by RRF";
        }
    }

    /** {@code hyde}: retrieve with an LLM-written answer passage. */
    public static final class Hyde extends QueryRewriteProvider {
        /** Reads API keys from the process environment. */
        public Hyde() {
            super(System::getenv);
        }

        Hyde(Function<String, String> env) {
            super(env);
        }

        @Override
        public String name() {
            return "hyde";
        }

        @Override
        public String describe() {
            return "HyDE: retrieve with a passage the LLM writes to answer the query";
        }
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("base_url", "model", "api_key_env", "n", "depth", "k", "timeout_s", "retries", "backoff_ms",
                "cache_dir");
    }

    @Override
    public void check(RetrieverConfig c) {
        c.checkKnown(optionNames());
        if (c.parts().size() != 1) {
            throw new IllegalArgumentException(c.keyPath("of") + ": a " + name() + " retriever rewrites queries for"
                    + " one other retriever, e.g. of: [bm25]; got " + c.parts().size());
        }
        config(c);
        c.intValue("n", 4, 1, 20);
        c.intValue("depth", 100, 1, 100_000);
        c.intValue("k", Fusion.DEFAULT_K, 1, 100_000);
        String keyEnv = c.stringValue("api_key_env", "OPENAI_API_KEY");
        if (!keyEnv.equals("none") && env.apply(keyEnv) == null) {
            throw new IllegalArgumentException(c.keyPath("api_key_env") + ": the environment variable " + keyEnv
                    + " is not set; export it, or set api_key_env: none for a server without a key");
        }
        Retrievers.check(c.parts().get(0));
    }

    private LlmJudgeConfig config(RetrieverConfig c) {
        for (String required : List.of("base_url", "model")) {
            if (!c.options().containsKey(required)) {
                throw new IllegalArgumentException(c.keyPath() + ": missing key '" + required + "' (a " + name()
                        + " retriever needs base_url, e.g. http://localhost:8000/v1, and model)");
            }
        }
        String keyEnv = c.stringValue("api_key_env", "OPENAI_API_KEY");
        String cache = c.stringValue("cache_dir", EmbeddingCache.defaultRoot().resolve("llm-rewrite").toString());
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
    public Retriever open(RetrieverConfig c, Corpus corpus, RetrieverContext context) throws IOException {
        LlmJudgeConfig config = config(c);
        Retriever base = context.open(c.parts().get(0), corpus);
        String key = config.apiKeyEnv() == null ? null : env.apply(config.apiKeyEnv());
        boolean multi = name().equals("multi-query");
        return new Rewriting(c.name(), name(), base, corpus, new ChatClient(config, key),
                config.cacheDir() == null ? null : new ResponseCache(config.cacheDir()), config,
                Prompt.load(multi ? "rewrite-multi-query-v1" : "rewrite-hyde-v1"), multi,
                c.intValue("n", 4, 1, 20), c.intValue("depth", 100, 1, 100_000),
                Fusion.rrf(c.intValue("k", Fusion.DEFAULT_K, 1, 100_000)));
    }

    private static final class Rewriting implements Retriever {
        private final String name;
        private final String type;
        private final Retriever base;
        private final Corpus corpus;
        private final ChatClient client;
        private final ResponseCache cache;
        private final LlmJudgeConfig config;
        private final Prompt prompt;
        private final boolean multi;
        private final int n;
        private final int depth;
        private final Fusion fusion;
        private final Map<String, Integer> failed = new TreeMap<>();

        Rewriting(String name, String type, Retriever base, Corpus corpus, ChatClient client, ResponseCache cache,
                  LlmJudgeConfig config, Prompt prompt, boolean multi, int n, int depth, Fusion fusion) {
            this.name = name;
            this.type = type;
            this.base = base;
            this.corpus = corpus;
            this.client = client;
            this.cache = cache;
            this.config = config;
            this.prompt = prompt;
            this.multi = multi;
            this.n = n;
            this.depth = depth;
            this.fusion = fusion;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public String describe() {
            return type + (multi ? " n=" + n + " depth=" + depth + " " + fusion.describe() : "") + " via "
                    + config.model() + " over [" + base.describe() + "]";
        }

        @Override
        public long bytes() {
            return base.bytes();
        }

        @Override
        public double buildMillis() {
            return base.buildMillis();
        }

        @Override
        public Map<String, String> details() {
            Map<String, String> d = new LinkedHashMap<>();
            base.details().forEach((k, v) -> d.put("base." + k, v));
            d.put("rewrite", type);
            d.put("rewrite.model", config.model());
            d.put("rewrite.prompt", prompt.id());
            if (multi) {
                d.put("rewrite.n", Integer.toString(n));
                d.put("rewrite.depth", Integer.toString(depth));
                d.put("fusion", fusion.describe());
            }
            return d;
        }

        @Override
        public String kernelBackend() {
            return base.kernelBackend();
        }

        @Override
        public String modelSource() {
            return base.modelSource();
        }

        @Override
        public String modelSha256() {
            return base.modelSha256();
        }

        @Override
        public Map<String, Double> runValues() {
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("rewrite.failed", (double) failed.values().stream().mapToInt(Integer::intValue).sum());
            failed.forEach((kind, count) -> out.put("rewrite.failed." + kind.replace(' ', '_'), (double) count));
            return out;
        }

        /** The texts to retrieve with: the query and its rewrites, or the hypothetical passage; the query alone on failure. */
        private List<String> texts(String query) {
            String text = prompt.render(Map.of("query", query, "n", Integer.toString(n)));
            String key = ResponseCache.key(prompt.id(), config.model(), text);
            String reply = cache == null ? null : cache.get(key).orElse(null);
            if (reply == null) {
                try {
                    reply = client.complete(List.of(new ChatClient.Message("user", text)));
                } catch (ChatException e) {
                    failed.merge(e.kind(), 1, Integer::sum);
                    return List.of(query);
                }
            }
            List<String> out = new ArrayList<>();
            try {
                JsonNode j = JSON.readTree(reply);
                if (multi) {
                    out.add(query);
                    for (JsonNode q : j.path("queries")) {
                        if (q.isTextual() && !q.textValue().isBlank() && out.size() <= n) {
                            out.add(q.textValue());
                        }
                    }
                    if (out.size() == 1) {
                        out = null;
                    }
                } else if (j.path("passage").isTextual() && !j.get("passage").textValue().isBlank()) {
                    out.add(j.get("passage").textValue());
                } else {
                    out = null;
                }
            } catch (IOException e) {
                out = null;
            }
            if (out == null) {
                failed.merge("unusable reply", 1, Integer::sum);
                return List.of(query);
            }
            if (cache != null) {
                try {
                    cache.put(key, reply);
                } catch (IOException e) {
                    // A cache that cannot be written costs a later rerun a request, not this query.
                }
            }
            return out;
        }

        @Override
        public Hits search(String query, int k) {
            Map<String, Long> stages = new LinkedHashMap<>();
            long t0 = System.nanoTime();
            List<String> texts = texts(query);
            stages.put("rewrite", System.nanoTime() - t0);
            List<Fusion.Ranked> lists = new ArrayList<>();
            for (String t : texts) {
                Hits h = base.search(t, texts.size() == 1 ? k : depth);
                h.stageNanos().forEach((s, ns) -> stages.merge(base.name() + "." + s, ns, Long::sum));
                lists.add(new Fusion.Ranked(h.docs(), h.scores()));
            }
            if (lists.size() == 1) {
                Fusion.Ranked only = lists.get(0);
                return new Hits(only.keys(), only.scores(), stages);
            }
            long t1 = System.nanoTime();
            // trec_eval's tie order: by docno descending in bytes.
            Fusion.Ranked fused = fusion.fuse(lists, k, (a, b) -> corpus.ids().get(b).compareTo(corpus.ids().get(a)));
            stages.put("fuse", System.nanoTime() - t1);
            return new Hits(fused.keys(), fused.scores(), stages);
        }

        @Override
        public void close() {
            try {
                client.close();
            } finally {
                base.close();
            }
        }
    }
}
