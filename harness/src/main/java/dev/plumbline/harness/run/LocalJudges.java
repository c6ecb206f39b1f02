package dev.plumbline.harness.run;

import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.Engines;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.metrics.rag.local.LocalJudge;
import dev.plumbline.metrics.rag.local.LocalJudgeParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Opens the local judges by name: {@code local} (embedding mode: its shipped parameters name the
 * model they were fitted for, which runs on the pure-Java simd engine) and {@code local-lexical}
 * (no model). The simd engine is the one whose vectors are bit-identical in any batch and on any
 * thread count, which the judge's determinism rests on.
 */
public final class LocalJudges {
    /** The local judges' names. */
    public static final List<String> NAMES = List.of("local", "local-lexical");

    /** Engine that runs the embedding mode's model. */
    public static final String ENGINE = "simd";

    private LocalJudges() {
    }

    /**
     * Opens a local judge; the caller closes it (that releases the engine).
     *
     * @param threads engine threads for the embedding mode
     */
    public static LocalJudge open(String name, int threads) {
        return switch (name) {
            case "local" -> withEmbeddings(LocalJudgeParameters.embedding(), threads);
            case "local-lexical" -> LocalJudge.lexical();
            default -> throw new IllegalArgumentException("unknown local judge '" + name + "'; use one of " + NAMES);
        };
    }

    /** An embedding-mode judge with {@code params}, running {@code params.embeddingModel()} on the simd engine. */
    public static LocalJudge withEmbeddings(LocalJudgeParameters params, int threads) {
        EngineSentenceEmbedder embedder;
        try {
            embedder = new EngineSentenceEmbedder(Engines.provider(ENGINE)
                    .open(ModelRegistry.get(params.embeddingModel()), new EngineOptions(threads, 32)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the local judge's model " + params.embeddingModel() + ": "
                    + e.getMessage(), e);
        }
        try {
            return new LocalJudge(params, embedder);
        } catch (RuntimeException e) {
            embedder.close();
            throw e;
        }
    }

    /**
     * What a local judge records as its provenance details (implementation version and parameters'
     * SHA-256), known without loading its model; {@code --resume} checks a saved judge cell against it.
     */
    public static Map<String, String> details(String name) {
        LocalJudgeParameters p = switch (name) {
            case "local" -> LocalJudgeParameters.embedding();
            case "local-lexical" -> LocalJudgeParameters.lexical();
            default -> throw new IllegalArgumentException("unknown local judge '" + name + "'; use one of " + NAMES);
        };
        return Map.of("version", LocalJudge.VERSION, "parameters_sha256", p.hash());
    }
}
