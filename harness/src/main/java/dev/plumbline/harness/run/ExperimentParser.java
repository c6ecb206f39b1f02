package dev.plumbline.harness.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.plumbline.engines.EngineProvider;
import dev.plumbline.engines.Engines;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.model.ModelSpec;
import dev.plumbline.engines.StageConfig;
import dev.plumbline.engines.chunking.Chunkers;
import dev.plumbline.engines.rerank.Rerankers;
import dev.plumbline.engines.retrieval.RetrieverConfig;
import dev.plumbline.engines.retrieval.Retrievers;
import dev.plumbline.harness.UsageException;
import dev.plumbline.harness.generate.Generators;
import dev.plumbline.metrics.ir.IrInputException;
import dev.plumbline.metrics.ir.MeasureSelection;
import dev.plumbline.metrics.rag.RagScorer;
import dev.plumbline.reports.ReportWriters;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and validates an experiment file (YAML, or JSON by the {@code .json} extension) before
 * anything runs. Every error is a {@link UsageException} of one line: the file, the key path
 * ({@code engines[1].threads}) and what is allowed. See {@code examples/demo.yaml} for the schema.
 */
public final class ExperimentParser {
    static final List<String> TOP_KEYS = List.of("name", "datasets", "split", "models", "engines", "retrievers", "retrieval",
            "metrics", "judge", "latency", "seed", "cache", "cache_dir", "output", "gate", "chunking", "generators", "rerankers");
    static final List<String> ENGINE_KEYS = List.of("name", "threads", "batch_size", "max_seq_length");
    static final List<String> RETRIEVAL_KEYS = List.of("k", "index", "ignore_identical_ids");
    static final List<String> METRICS_KEYS = List.of("ir", "rag");
    static final List<String> LATENCY_KEYS = List.of("warmup", "repeat");
    static final List<String> OUTPUT_KEYS = List.of("dir", "reports");
    static final List<String> GATE_KEYS = List.of("rules", "baseline");
    static final List<String> LLM_JUDGE_KEYS = List.of("name", "base_url", "model", "api_key_env", "timeout_s",
            "retries", "max_retry_wait_s", "max_reply_kb", "concurrency", "cache_dir");
    static final List<String> RAG_METRICS = List.of(RagScorer.FAITHFULNESS, RagScorer.ANSWER_RELEVANCE,
            RagScorer.CONTEXT_PRECISION, RagScorer.CONTEXT_RECALL);
    /**
     * Untimed searches (and judgments) before timing starts. Enough for the JIT to compile the
     * search loop on a small corpus, so the first cell of a run is not the one that pays for it.
     */
    public static final int DEFAULT_WARMUP = 200;
    /** IR measures when the file names none: the BEIR/MTEB headline figures plus MAP. */
    public static final List<String> DEFAULT_IR = List.of("ndcg_cut.10", "recall.100", "recip_rank", "map");

    /** Largest experiment file read: a real one is a few hundred bytes; this keeps a wrong file from filling memory. */
    static final int MAX_FILE_BYTES = 1 << 20;
    /** Deepest nesting accepted: the schema needs 4 levels; the limit stops a nesting bomb early. */
    static final int MAX_NESTING = 32;
    /** Tokens per text the built-in models accept: each has 512 rows in its position table. */
    public static final int MAX_SEQ_LENGTH = 512;
    /** Limits on the numbers, so a typo (a k of 10^12, a million threads) is an error, not a hung run. */
    public static final int MAX_K = 100_000;
    public static final int MAX_THREADS = 1024;
    public static final int MAX_BATCH = 4096;
    public static final int MAX_WARMUP = 1_000_000;
    public static final int MAX_REPEAT = 1000;
    /** Longest output folder name made from a run name. */
    static final int MAX_NAME_CHARS = 64;

    private final String file;

    private ExperimentParser(String file) {
        this.file = file;
    }

    /**
     * Reads and validates {@code path}. Relative paths inside the file ({@code output.dir},
     * {@code gate.rules}, {@code beir:} datasets) are resolved against the current directory,
     * as on the command line.
     *
     * @throws UsageException naming the file, key path and fix for anything invalid
     */
    public static Experiment read(Path path) {
        return parse(readText(path), path);
    }

    /** The file's text, checked for size and UTF-8. */
    private static String readText(Path path) {
        try {
            if (Files.isDirectory(path)) {
                throw new UsageException(path + " is a folder; give an experiment file (.yaml, .yml or .json)");
            }
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new UsageException(path + " is " + Files.size(path) + " bytes; an experiment file is at most "
                        + MAX_FILE_BYTES + " bytes (see examples/demo.yaml)");
            }
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new UsageException("experiment file " + path + " does not exist; see examples/demo.yaml");
        } catch (CharacterCodingException e) {
            throw new UsageException(path + ": not valid UTF-8; save the experiment file as UTF-8");
        } catch (IOException e) {
            throw new UsageException("cannot read experiment file " + path + ": " + e.getMessage());
        }
    }

    /**
     * The file as a tree, parsed exactly as {@link #read} parses it, so two versions of one
     * experiment can be compared key by key ({@link #differences}).
     */
    public static JsonNode tree(Path path) {
        return tree(readText(path), path);
    }

    /**
     * Key paths at which two experiment trees differ, each with both values
     * ({@code engines[0].threads: 1 -> 2}), in document order; empty when equal.
     */
    public static List<String> differences(JsonNode before, JsonNode after) {
        List<String> out = new ArrayList<>();
        diff("", before, after, out);
        return out;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                diff(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), out);
            }
        } else if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                diff(path + "[" + i + "]", a.get(i), b.get(i), out);
            }
        } else if (a == null || b == null || !a.equals(b)) {
            out.add(path + ": " + (a == null ? "(absent)" : a.toString()) + " -> " + (b == null ? "(absent)" : b.toString()));
        }
    }

    private static JsonFactory factory(boolean json) {
        StreamReadConstraints limits = StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                .maxDocumentLength(MAX_FILE_BYTES).build();
        if (json) {
            return JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(limits).build();
        }
        // Jackson reads YAML events without building SnakeYAML's node graph, so aliases are never
        // expanded (no billion laughs); the limits bound what SnakeYAML itself reads all the same.
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_FILE_BYTES);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        return YAMLFactory.builder().loaderOptions(options).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(limits).build();
    }

    static JsonNode tree(String text, Path source) {
        boolean json = source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        ObjectMapper mapper = new ObjectMapper(factory(json));
        try {
            // A first pass over the tokens: duplicate keys fail here, and YAML aliases, which Jackson
            // would silently turn into the alias's name as a string, are refused.
            try (JsonParser p = mapper.getFactory().createParser(text)) {
                while (p.nextToken() != null) {
                    if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                        throw new UsageException(source + ":" + p.currentLocation().getLineNr() + ": YAML alias *"
                                + y.getText() + " is not supported in experiment files; write the value out in full");
                    }
                }
            }
            return mapper.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new UsageException(source + ": nested deeper than " + MAX_NESTING + " levels or longer than "
                    + MAX_FILE_BYTES + " bytes; an experiment file needs 4 levels (see examples/demo.yaml)");
        } catch (JsonProcessingException e) {
            throw new UsageException(syntaxError(e, source, json));
        } catch (IOException e) {
            throw new UsageException("cannot read experiment file " + source + ": " + e.getMessage());
        }
    }

    /** One line: {@code file:line:column: not valid YAML: problem (context)}. */
    private static String syntaxError(JsonProcessingException e, Path source, boolean json) {
        String what = json ? "JSON" : "YAML";
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Duplicate field '")) {
            String key = message.substring("Duplicate field '".length(), message.indexOf('\'', "Duplicate field '".length()));
            var loc = e.getLocation();
            return source + (loc != null ? ":" + loc.getLineNr() : "") + ": key '" + key + "' is given twice in the same"
                    + " mapping; keep one";
        }
        if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
            Mark m = y.getProblemMark();
            String context = y.getContext() == null ? "" : " (" + y.getContext()
                    + (y.getContextMark() == null ? "" : " at line " + (y.getContextMark().getLine() + 1)
                    + ", column " + (y.getContextMark().getColumn() + 1)) + ")";
            return oneLine(source + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1) + ": not valid YAML: "
                    + y.getProblem() + context);
        }
        var loc = e.getLocation();
        return oneLine(source + (loc != null && loc.getLineNr() > 0 ? ":" + loc.getLineNr() + ":" + loc.getColumnNr() : "")
                + ": not valid " + what + ": " + (e.getCause() instanceof org.yaml.snakeyaml.error.YAMLException y
                ? y.getMessage() : message));
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** Parses experiment text; {@code source} names it in errors and picks JSON by extension. */
    public static Experiment parse(String text, Path source) {
        ExperimentParser p = new ExperimentParser(source.toString());
        JsonNode root = tree(text, source);
        if (root == null || !root.isObject()) {
            throw new UsageException(source + ": an experiment file must be a mapping with at least datasets and"
                    + " engines; see examples/demo.yaml");
        }
        return p.experiment(root, source);
    }

    private Experiment experiment(JsonNode root, Path source) {
        keys(root, "", TOP_KEYS);
        String name = text(root, "name", "experiment");
        List<String> datasets = strings(root, "datasets", null);
        unique(datasets, "datasets");
        String split = root.has("split") ? text(root, "split", null) : null;
        List<String> models = strings(root, "models", List.of("minilm-l6"));
        unique(models, "models");
        for (int i = 0; i < models.size(); i++) {
            try {
                ModelRegistry.get(models.get(i));
            } catch (IllegalArgumentException e) {
                throw error("models[" + i + "]", "unknown model '" + models.get(i) + "'; allowed: " + modelNames());
            }
        }
        List<Experiment.EngineSpec> engines = engines(root);
        unique(engines.stream().map(Experiment.EngineSpec::name).toList(), "engines");
        int k = 100;
        Map<String, String> index = new LinkedHashMap<>(Map.of("index", "flat"));
        Boolean ignoreIdentical = null;
        if (root.has("retrieval")) {
            JsonNode r = object(root.get("retrieval"), "retrieval");
            keys(r, "retrieval", RETRIEVAL_KEYS);
            k = integer(r, "retrieval.k", "k", 100, 1, MAX_K);
            if (r.has("index")) {
                index = new LinkedHashMap<>();
                index(r.get("index"), "retrieval.index", index);
            }
            if (r.has("ignore_identical_ids")) {
                if (!r.get("ignore_identical_ids").isBoolean()) {
                    throw error("retrieval.ignore_identical_ids", "must be true or false, got "
                            + describe(r.get("ignore_identical_ids")));
                }
                ignoreIdentical = r.get("ignore_identical_ids").booleanValue();
            }
        }
        Map<String, String> indexOptions = new LinkedHashMap<>();
        index.forEach((key, v) -> {
            if (key.startsWith("index.")) {
                indexOptions.put(key.substring("index.".length()), v);
            }
        });
        List<RetrieverConfig> retrievers = new ArrayList<>(Experiment.denseShorthand(models, engines,
                index.get("index"), indexOptions, "retrieval"));
        for (RetrieverConfig c : retrievers) {
            check(c);
        }
        for (RetrieverConfig c : retrievers(root)) {
            if (retrievers.stream().anyMatch(o -> o.name().equals(c.name()))) {
                throw error(c.keyPath(), "the models x engines shorthand already names a retriever " + c.name()
                        + "; rename this one");
            }
            retrievers.add(c);
        }
        List<String> ir = DEFAULT_IR;
        List<String> rag = RAG_METRICS;
        if (root.has("metrics")) {
            JsonNode m = object(root.get("metrics"), "metrics");
            keys(m, "metrics", METRICS_KEYS);
            ir = strings(m, "ir", DEFAULT_IR, "metrics.ir");
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < ir.size(); i++) {
                try {
                    MeasureSelection.parse(List.of(ir.get(i)));
                } catch (IrInputException e) {
                    throw error("metrics.ir[" + i + "]", e.getMessage());
                }
                // trec_eval keeps the first parameters given for a measure and ignores the rest.
                String base = ir.get(i).contains(".") ? ir.get(i).substring(0, ir.get(i).indexOf('.')) : ir.get(i);
                if (seen.contains(base)) {
                    throw error("metrics.ir[" + i + "]", ir.get(i) + " repeats " + base
                            + "; give all its cutoffs in one entry, e.g. " + base + ".100,1000");
                }
                seen.add(base);
            }
            rag = strings(m, "rag", RAG_METRICS, "metrics.rag");
            for (int i = 0; i < rag.size(); i++) {
                if (!RAG_METRICS.contains(rag.get(i))) {
                    throw error("metrics.rag[" + i + "]", "unknown RAG metric '" + rag.get(i) + "'; allowed: "
                            + String.join(", ", RAG_METRICS));
                }
            }
        }
        String judge;
        dev.plumbline.metrics.rag.llm.LlmJudgeConfig llmJudge = null;
        if (root.has("judge") && root.get("judge").isObject()) {
            JsonNode j = root.get("judge");
            if (!j.has("name")) {
                throw error("judge", "missing key 'name' (allowed: " + String.join(", ", Judges.names()) + ")");
            }
            judge = text(j, "name", null, "judge.name");
            if (judge.equals("llm")) {
                llmJudge = llmJudge(j);
            } else if (j.size() > 1) {
                keys(j, "judge", List.of("name"));
            }
        } else {
            judge = text(root, "judge", "local");
        }
        if (!Judges.names().contains(judge)) {
            throw error("judge", "unknown judge '" + judge + "'; allowed: " + String.join(", ", Judges.names()));
        }
        if (judge.equals("llm") && llmJudge == null) {
            throw error("judge", "the llm judge needs an endpoint and a model: judge: {name: llm, base_url:"
                    + " http://localhost:8000/v1, model: NAME}");
        }
        int warmup = DEFAULT_WARMUP;
        int repeat = 1;
        if (root.has("latency")) {
            JsonNode l = object(root.get("latency"), "latency");
            keys(l, "latency", LATENCY_KEYS);
            warmup = integer(l, "latency.warmup", "warmup", DEFAULT_WARMUP, 0, MAX_WARMUP);
            repeat = integer(l, "latency.repeat", "repeat", 1, 1, MAX_REPEAT);
        }
        long seed = seed(root);
        boolean cache = true;
        if (root.has("cache")) {
            if (!root.get("cache").isBoolean()) {
                throw error("cache", "must be true or false, got " + describe(root.get("cache")));
            }
            cache = root.get("cache").booleanValue();
        }
        Path cacheDir = root.has("cache_dir") ? path(text(root, "cache_dir", null), "cache_dir") : null;
        if (cacheDir != null && Files.exists(cacheDir) && !Files.isDirectory(cacheDir)) {
            throw error("cache_dir", cacheDir + " is a file; give a folder for the embedding cache, or cache: false");
        }
        // The name is shown in reports as written; as a folder it is made safe, so no name writes
        // outside plumbline-out/ (output.dir and --out say where else to write).
        Path outDir = Path.of("plumbline-out", safeFileName(name));
        List<String> reports = List.of("html", "md");
        if (root.has("output")) {
            JsonNode o = object(root.get("output"), "output");
            keys(o, "output", OUTPUT_KEYS);
            if (o.has("dir")) {
                outDir = path(text(o, "dir", null, "output.dir"), "output.dir");
            }
            reports = strings(o, "reports", reports, "output.reports");
            try {
                ReportWriters.parse(reports);
            } catch (IllegalArgumentException e) {
                throw error("output.reports", e.getMessage());
            }
        }
        Path rules = null;
        Path baseline = null;
        if (root.has("gate")) {
            JsonNode g = object(root.get("gate"), "gate");
            keys(g, "gate", GATE_KEYS);
            if (!g.has("rules")) {
                throw error("gate", "missing key 'rules' (the gate rules file; see plumbline gate --help)");
            }
            rules = path(text(g, "rules", null, "gate.rules"), "gate.rules");
            if (g.has("baseline")) {
                baseline = path(text(g, "baseline", null, "gate.baseline"), "gate.baseline");
            }
        }
        List<StageConfig> chunking = stages(root, "chunking", Chunkers.STAGE, c -> {
            Chunkers.check(c);
            return null;
        });
        List<StageConfig> generators = stages(root, "generators", Generators.STAGE, c -> {
            Generators.check(c);
            return null;
        });
        List<StageConfig> rerankers = stages(root, "rerankers", Rerankers.STAGE, c -> {
            Rerankers.check(c);
            return null;
        });
        return new Experiment(name, source, datasets, split, models, engines, retrievers, ignoreIdentical, k, ir, rag,
                judge, llmJudge, warmup, repeat, seed, cache, cacheDir, outDir, reports, rules, baseline, chunking,
                generators, rerankers);
    }

    /**
     * A list of stages ({@code chunking:}, {@code generators:}): each entry a type name (named after
     * it, default options) or a mapping {@code {type, name, OPTION: VALUE…}}; names are unique, since
     * they name cells.
     */
    private List<StageConfig> stages(JsonNode root, String key, String stage,
                                     java.util.function.Function<StageConfig, Void> check) {
        if (!root.has(key)) {
            return List.of();
        }
        JsonNode arr = root.get(key);
        if (!arr.isArray() || arr.isEmpty()) {
            throw error(key, "must be a non-empty list of " + stage + " types or {type, name, options} mappings");
        }
        List<StageConfig> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            String path = key + "[" + i + "]";
            JsonNode e = arr.get(i);
            String type;
            String name;
            Map<String, String> options = new LinkedHashMap<>();
            if (e.isTextual()) {
                type = checked(e.textValue(), path);
                name = type;
            } else if (e.isObject()) {
                if (!e.has("type")) {
                    throw error(path, "missing key 'type' (the " + stage + ", e.g. " + (stage.equals(Chunkers.STAGE)
                            ? "fixed" : stage.equals(Rerankers.STAGE) ? "maxsim" : "extractive") + ")");
                }
                type = text(e, "type", null, path + ".type");
                name = e.has("name") ? text(e, "name", null, path + ".name") : type;
                e.fieldNames().forEachRemaining(k -> {
                    if (!k.equals("type") && !k.equals("name")) {
                        options.put(k, scalar(e.get(k), path + "." + k));
                    }
                });
            } else {
                throw error(path, "must be a " + stage + " type or a mapping with type, got " + describe(e));
            }
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw error(path + ".name", "a " + stage + "'s name labels cells and run files: use letters, digits,"
                        + " '.', '_' and '-', starting with a letter or digit");
            }
            for (StageConfig o : out) {
                if (o.name().equals(name)) {
                    throw error(path, "another entry is already named " + name + "; give this one a name: of its own");
                }
            }
            StageConfig c = new StageConfig(stage, name, type, path, options);
            try {
                check.apply(c);
            } catch (IllegalArgumentException ex) {
                throw new UsageException(oneLine(file + ": " + ex.getMessage()));
            }
            out.add(c);
        }
        return out;
    }

    /**
     * {@code judge: {name: llm, base_url, model, …}}: the settings {@code plumbline judge} takes as
     * {@code --llm-*} flags, with the same defaults. The API key is read from {@code api_key_env}
     * when the run starts, never from the file.
     */
    private dev.plumbline.metrics.rag.llm.LlmJudgeConfig llmJudge(JsonNode j) {
        keys(j, "judge", LLM_JUDGE_KEYS);
        for (String required : List.of("base_url", "model")) {
            if (!j.has(required)) {
                throw error("judge", "missing key '" + required + "' (the llm judge needs base_url and model)");
            }
        }
        String baseUrl = text(j, "base_url", null, "judge.base_url");
        String model = text(j, "model", null, "judge.model");
        String env = text(j, "api_key_env", "OPENAI_API_KEY", "judge.api_key_env");
        int timeout = integer(j, "judge.timeout_s", "timeout_s", 60, 1, 86_400);
        int retries = integer(j, "judge.retries", "retries", 3, 0, 100);
        int maxWait = integer(j, "judge.max_retry_wait_s", "max_retry_wait_s", 60, 0, 86_400);
        int maxReplyKb = integer(j, "judge.max_reply_kb", "max_reply_kb", 1024, 1, 1024 * 1024);
        int concurrency = integer(j, "judge.concurrency", "concurrency", 4, 1, 1024);
        Path cache = j.has("cache_dir") ? path(text(j, "cache_dir", null, "judge.cache_dir"), "judge.cache_dir")
                : dev.plumbline.engines.cache.EmbeddingCache.defaultRoot().resolve("llm");
        try {
            return new dev.plumbline.metrics.rag.llm.LlmJudgeConfig(baseUrl, model, "none".equals(env) ? null : env,
                    java.time.Duration.ofSeconds(timeout), retries, java.time.Duration.ofSeconds(1), concurrency, cache,
                    java.time.Duration.ofSeconds(maxWait), maxReplyKb * 1024);
        } catch (IllegalArgumentException e) {
            throw error("judge", e.getMessage());
        }
    }

    /** Checks a retriever with its provider; its messages already name the key path. */
    private void check(RetrieverConfig c) {
        try {
            Retrievers.check(c);
        } catch (IllegalArgumentException e) {
            throw new UsageException(oneLine(file + ": " + e.getMessage()));
        }
    }

    /**
     * {@code retrievers:}, a mapping from name to {@code {type: …, options…}}; a hybrid's
     * {@code of} names other entries of the mapping. Read in file order.
     */
    private List<RetrieverConfig> retrievers(JsonNode root) {
        if (!root.has("retrievers")) {
            return List.of();
        }
        JsonNode m = object(root.get("retrievers"), "retrievers");
        if (m.isEmpty()) {
            throw error("retrievers", "is empty; name at least one, e.g. retrievers: {bm25: {type: bm25}}");
        }
        Map<String, RetrieverConfig> built = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        m.fieldNames().forEachRemaining(names::add);
        for (String n : names) {
            retriever(m, n, built, new ArrayList<>());
        }
        List<RetrieverConfig> out = new ArrayList<>();
        for (String n : names) {
            out.add(built.get(n));
        }
        return out;
    }

    private RetrieverConfig retriever(JsonNode all, String name, Map<String, RetrieverConfig> built, List<String> stack) {
        if (built.containsKey(name)) {
            return built.get(name);
        }
        String path = "retrievers." + name;
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw error(path, "a retriever's name labels results and names its run file: use letters, digits,"
                    + " '.', '_' and '-', starting with a letter or digit");
        }
        if (stack.contains(name)) {
            throw error(path + ".of", "fuses itself through " + String.join(" -> ", stack) + " -> " + name
                    + "; a hybrid cannot contain itself");
        }
        JsonNode e = object(all.get(name), path);
        if (!e.has("type")) {
            throw error(path, "missing key 'type' (allowed: " + Retrievers.names() + ")");
        }
        String type = text(e, "type", null, path + ".type");
        Map<String, String> options = new LinkedHashMap<>();
        List<RetrieverConfig> parts = new ArrayList<>();
        Iterator<String> it = e.fieldNames();
        while (it.hasNext()) {
            String key = it.next();
            JsonNode v = e.get(key);
            String kp = path + "." + key;
            switch (key) {
                case "type" -> { }
                case "index" -> index(v, kp, options);
                case "of" -> {
                    if (!v.isArray() || v.isEmpty()) {
                        throw error(kp, "must be a list of retriever names, e.g. of: [bm25, minilm]");
                    }
                    stack.add(name);
                    for (int i = 0; i < v.size(); i++) {
                        if (!v.get(i).isTextual() || !all.has(v.get(i).textValue())) {
                            throw error(kp + "[" + i + "]", "no retriever named " + describe(v.get(i))
                                    + " in retrievers; defined: " + String.join(", ", iterable(all.fieldNames())));
                        }
                        parts.add(retriever(all, v.get(i).textValue(), built, stack));
                    }
                    stack.remove(stack.size() - 1);
                }
                case "weights" -> {
                    if (v.isArray()) {
                        List<String> w = new ArrayList<>();
                        for (JsonNode x : v) {
                            w.add(scalar(x, kp));
                        }
                        options.put(key, String.join(",", w));
                    } else {
                        options.put(key, scalar(v, kp));
                    }
                }
                default -> options.put(key, scalar(v, kp));
            }
        }
        RetrieverConfig c = new RetrieverConfig(name, type, path, options, parts);
        check(c);
        built.put(name, c);
        return c;
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /** {@code index: NAME} or {@code index: {name: NAME, OPTION: VALUE…}}, flattened into {@code options}. */
    private void index(JsonNode v, String path, Map<String, String> options) {
        if (v.isTextual()) {
            options.put("index", checked(v.textValue(), path));
            return;
        }
        JsonNode o = object(v, path);
        if (!o.has("name")) {
            throw error(path, "missing key 'name' (the index, e.g. flat)");
        }
        options.put("index", text(o, "name", null, path + ".name"));
        o.fieldNames().forEachRemaining(key -> {
            if (!key.equals("name")) {
                options.put("index." + key, scalar(o.get(key), path + "." + key));
            }
        });
    }

    /** A string, number or boolean option value as text. */
    private String scalar(JsonNode v, String path) {
        if (v.isTextual()) {
            return checked(v.textValue(), path);
        }
        if (v.isNumber() || v.isBoolean()) {
            return v.asText();
        }
        throw error(path, "must be a string, number or boolean, got " + describe(v));
    }

    private List<Experiment.EngineSpec> engines(JsonNode root) {
        if (!root.has("engines")) {
            // Only retrieval cells use engines; whether any dataset has a corpus is known once the
            // datasets load, so Pipeline refuses a missing list there, before writing anything.
            return List.of();
        }
        JsonNode arr = root.get("engines");
        if (!arr.isArray() || arr.isEmpty()) {
            throw error("engines", "must be a non-empty list of engine names or {name, threads, batch_size,"
                    + " max_seq_length} mappings");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        List<Experiment.EngineSpec> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            String path = "engines[" + i + "]";
            JsonNode e = arr.get(i);
            String name;
            int threads = cores;
            int batch = 32;
            int maxSeq = 0;
            if (e.isTextual()) {
                name = e.textValue();
            } else if (e.isObject()) {
                keys(e, path, ENGINE_KEYS);
                if (!e.has("name")) {
                    throw error(path, "missing key 'name' (allowed: " + engineNames() + ")");
                }
                name = text(e, "name", null, path + ".name");
                threads = integer(e, path + ".threads", "threads", cores, 1, MAX_THREADS);
                batch = integer(e, path + ".batch_size", "batch_size", 32, 1, MAX_BATCH);
                // 3: [CLS], one token, [SEP]; the built-in models have 512 positions.
                maxSeq = integer(e, path + ".max_seq_length", "max_seq_length", 0, 3, MAX_SEQ_LENGTH);
            } else {
                throw error(path, "must be an engine name or a mapping with name, got " + describe(e));
            }
            // auto is resolved here, once, so cells, checkpoints and results carry the engine that ran.
            EngineProvider provider = Engines.AUTO.equals(name) ? Engines.provider(name) : findProvider(name);
            name = provider == null ? name : provider.name();
            if (provider == null) {
                throw error(path + (e.isObject() ? ".name" : ""), "unknown engine '" + name + "'; allowed: " + engineNames());
            }
            if (!provider.availability().available()) {
                throw error(path, "engine " + name + " is " + provider.availability().describe()
                        + "; remove it from the experiment or fix that");
            }
            out.add(new Experiment.EngineSpec(name, threads, batch, maxSeq));
        }
        return out;
    }

    /** Each cell is named by dataset, engine and model, so a repeated entry would make two cells one. */
    private void unique(List<String> values, String path) {
        for (int i = 0; i < values.size(); i++) {
            if (values.indexOf(values.get(i)) < i) {
                throw error(path + "[" + i + "]", values.get(i) + " is listed twice; list each once");
            }
        }
    }

    private static EngineProvider findProvider(String name) {
        for (EngineProvider p : Engines.providers()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    static String engineNames() {
        return String.join(", ", Engines.providers().stream().map(EngineProvider::name).toList()) + ", "
                + Engines.AUTO;
    }

    private static String modelNames() {
        return String.join(", ", ModelRegistry.builtIn().stream().map(ModelSpec::name).toList());
    }

    private void keys(JsonNode node, String prefix, List<String> allowed) {
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new UsageException(oneLine(file + ": unknown key '" + (prefix.isEmpty() ? k : prefix + "." + k)
                        + "'; allowed keys" + (prefix.isEmpty() ? "" : " in " + prefix) + ": " + String.join(", ", allowed)));
            }
        }
    }

    private JsonNode object(JsonNode node, String path) {
        if (!node.isObject()) {
            throw error(path, "must be a mapping, got " + describe(node));
        }
        return node;
    }

    private String text(JsonNode parent, String key, String dflt) {
        return text(parent, key, dflt, key);
    }

    private String text(JsonNode parent, String key, String dflt, String path) {
        JsonNode n = parent.get(key);
        if (n == null) {
            if (dflt == null) {
                throw error(path, "missing");
            }
            return dflt;
        }
        if (!n.isTextual() || n.textValue().isBlank()) {
            throw error(path, "must be a non-empty string, got " + describe(n));
        }
        return checked(n.textValue(), path);
    }

    /** No name, path or spec may hold a NUL or another control character (they would end up in file names). */
    private String checked(String s, String path) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw error(path, String.format(Locale.ROOT, "contains the control character U+%04X; remove it", (int) c));
            }
        }
        return s;
    }

    private Path path(String text, String path) {
        try {
            return Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw error(path, "not a valid path: " + e.getReason());
        }
    }

    private int integer(JsonNode parent, String path, String key, int dflt, int min, int max) {
        JsonNode n = parent.get(key);
        if (n == null) {
            return dflt;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
            throw error(path, "must be an integer from " + min + " to " + max + ", got " + describe(n));
        }
        return n.intValue();
    }

    private long seed(JsonNode root) {
        JsonNode n = root.get("seed");
        if (n == null) {
            return 42;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
            throw error("seed", "must be an integer from 0 to " + Long.MAX_VALUE + ", got " + describe(n));
        }
        return n.longValue();
    }

    /**
     * {@code name} as one safe folder name: letters, digits, {@code .}, {@code _} and {@code -}
     * kept, every other run of characters (slashes, {@code ..}, spaces, controls) one {@code -},
     * no leading or trailing dot or dash, at most {@value #MAX_NAME_CHARS} characters;
     * {@code experiment} when nothing is left. {@code ../../tmp/x} becomes {@code tmp-x}.
     */
    public static String safeFileName(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().forEach(c -> {
            boolean keep = c < 128 ? Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.'
                    : Character.isLetterOrDigit(c);
            b.append(keep ? Character.toString(c) : "-");
        });
        String s = b.toString().replaceAll("\\.{2,}", "-").replaceAll("-{2,}", "-").replaceAll("^[-.]+|[-.]+$", "");
        if (s.codePointCount(0, s.length()) > MAX_NAME_CHARS) {
            s = s.substring(0, s.offsetByCodePoints(0, MAX_NAME_CHARS)).replaceAll("[-.]+$", "");
        }
        return s.isEmpty() ? "experiment" : s;
    }

    private List<String> strings(JsonNode parent, String key, List<String> dflt) {
        return strings(parent, key, dflt, key);
    }

    private List<String> strings(JsonNode parent, String key, List<String> dflt, String path) {
        JsonNode n = parent.get(key);
        if (n == null) {
            if (dflt == null) {
                throw error(path, "missing; give a list, e.g. " + key + ": [builtin:demo]");
            }
            return dflt;
        }
        if (n.isTextual()) {
            return List.of(checked(n.textValue(), path));
        }
        if (!n.isArray() || n.isEmpty()) {
            throw error(path, "must be a non-empty list of strings, got " + describe(n));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isTextual()) {
                throw error(path + "[" + i + "]", "must be a string, got " + describe(n.get(i)));
            }
            out.add(checked(n.get(i).textValue(), path + "[" + i + "]"));
        }
        return out;
    }

    private static String describe(JsonNode n) {
        if (n.isObject()) {
            return "a mapping";
        }
        if (n.isArray()) {
            return "a list";
        }
        return n.isTextual() ? "'" + n.textValue() + "'" : n.toString();
    }

    private UsageException error(String path, String message) {
        return new UsageException(oneLine(file + ": " + path + ": " + message));
    }
}
