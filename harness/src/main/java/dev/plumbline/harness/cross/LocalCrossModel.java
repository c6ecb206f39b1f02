package dev.plumbline.harness.cross;

import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;
import dev.plumbline.engines.model.BertWeights;
import dev.plumbline.engines.model.ModelFiles;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.onnx.BertOnnxMapper;
import dev.plumbline.engines.onnx.OnnxReader;
import dev.plumbline.engines.tokenizer.WordPieceTokenizer;
import dev.plumbline.engines.train.CrossEncoderScorer;
import dev.plumbline.engines.train.LoraAdapter;
import dev.plumbline.metrics.rag.cross.CrossJudge;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The trained detector as shipped: {@code local-cross/local-cross.properties} (base model,
 * adapter file and its SHA-256, threshold, pair length; the command, data and figures that made
 * it) and the adapter beside it, in the harness's resources, or the same pair of files in a folder
 * {@code judge-train} wrote. Opens {@link CrossJudge} on the {@code simd} backend, whose results do
 * not depend on batching or thread count.
 *
 * <p>The adapter's SHA-256 is computed and checked against the recorded one once, when the pair
 * is read; the shipped pair is read once per process.
 */
public final class LocalCrossModel {
    /** The resource folder of the shipped detector. */
    public static final String RESOURCE = "/local-cross/";
    /** The settings file's name, in the resources and in {@code judge-train}'s output. */
    public static final String PROPERTIES = "local-cross.properties";
    /** Backend the judge's encoder runs on. */
    public static final String BACKEND = "simd";

    private final Properties properties;
    private final byte[] adapter;
    private final String source;
    private final String adapterSha256;

    private LocalCrossModel(Properties properties, byte[] adapter, String source) {
        this.properties = properties;
        this.adapter = adapter;
        this.source = source;
        String actual = ModelFiles.sha256(adapter);
        String recorded = require(properties, "adapter_sha256", source);
        if (!actual.equals(recorded)) {
            throw new IllegalStateException(source + ": the adapter's SHA-256 is " + actual + " but " + PROPERTIES
                    + " records " + recorded + "; the two files do not belong together");
        }
        this.adapterSha256 = actual;
    }

    /** The shipped pair once read: the resources do not change while the process runs. */
    private static LocalCrossModel shipped;

    /**
     * The shipped detector, read on first use (a failure is thrown again on the next call, never
     * kept as the answer).
     */
    public static synchronized LocalCrossModel shipped() {
        if (shipped == null) {
            try {
                Properties p = new Properties();
                p.load(new StringReader(new String(resource(PROPERTIES), StandardCharsets.UTF_8)));
                shipped = new LocalCrossModel(p, resource(require(p, "adapter", "shipped")),
                        "the shipped local-cross detector");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shipped;
    }

    /** The detector {@code judge-train} wrote into {@code folder}. */
    public static LocalCrossModel of(Path folder) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(folder.resolve(PROPERTIES))));
        return new LocalCrossModel(p, Files.readAllBytes(folder.resolve(require(p, "adapter", folder.toString()))),
                folder.toString());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = LocalCrossModel.class.getResourceAsStream(RESOURCE + name)) {
            if (in == null) {
                throw new IOException("resource " + RESOURCE + name + " is missing from the harness jar; rebuild it");
            }
            return in.readAllBytes();
        }
    }

    private static String require(Properties p, String key, String source) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(source + ": " + PROPERTIES + " has no " + key);
        }
        return v.strip();
    }

    /** The base model's registry name ({@code minilm-l6}). */
    public String model() {
        return require(properties, "model", source);
    }

    /** SHA-256 of the adapter file (checked against the recorded one when read). */
    public String adapterSha256() {
        return adapterSha256;
    }

    /** Probability from which a claim counts as supported. */
    public double threshold() {
        return Double.parseDouble(require(properties, "threshold", source));
    }

    /** Pair length at inference. */
    public int maxTokens() {
        return Integer.parseInt(require(properties, "max_tokens", source));
    }

    /** SHA-256 of what decides the verdicts: adapter, threshold, pair length, judge version. */
    public String parametersHash() {
        String s = String.format(Locale.ROOT, "adapter=%s\nthreshold=%s\nmax_tokens=%d\nversion=%s\n",
                adapterSha256(), threshold(), maxTokens(), CrossJudge.VERSION);
        return ModelFiles.sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    /** What results record for the judge, known without loading the model. */
    public Map<String, String> details() {
        return Map.of("version", CrossJudge.VERSION, "parameters_sha256", parametersHash(),
                "adapter_sha256", adapterSha256());
    }

    /** Opens the judge with {@code threads} encoder threads; the caller closes it. */
    public CrossJudge open(int threads) {
        ModelFiles files;
        try {
            files = ModelRegistry.get(model()).load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load local-cross's base model " + model() + ": " + e.getMessage(), e);
        }
        BertWeights base = BertOnnxMapper.map(OnnxReader.read(files.onnx()));
        LoraAdapter.Merged merged = LoraAdapter.read(adapter, source).merge(base);
        WordPieceTokenizer tokenizer = WordPieceTokenizer.fromJson(files.tokenizerJson(), model());
        Kernels kernels = KernelBackends.create(BACKEND, threads);
        try {
            CrossEncoderScorer scorer = new CrossEncoderScorer(merged, tokenizer, kernels, maxTokens());
            return new CrossJudge(new CrossEncoderSupport(scorer, model() + "+lora:" + adapterSha256()), threshold(),
                    parametersHash());
        } catch (RuntimeException e) {
            kernels.close();
            throw e;
        }
    }
}
