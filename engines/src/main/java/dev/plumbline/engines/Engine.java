package dev.plumbline.engines;

import dev.plumbline.engines.model.ModelSpec;

import java.util.List;

/**
 * An open encoder: one model on one engine, holding its native or thread resources until
 * {@link #close}. Instances are not thread-safe; the caller owns them and closes them.
 */
public interface Engine extends AutoCloseable {
    /** {@link #numerics()} of engines that compute in full FP32 precision. */
    String NUMERICS_FP32 = "fp32";

    /** Engine name, as its {@link EngineProvider} is registered. */
    String name();

    /** Engine, version, backend and model hashes, for provenance. */
    EngineIdentity identity();

    /** The model as this engine runs it (truncation length, pooling, prefixes). */
    ModelSpec model();

    /**
     * The class of arithmetic the engine uses, e.g. {@value #NUMERICS_FP32}; a quantized variant
     * names its scheme ({@code int8-w8a8}). Vectors of different numerics never mix in a cache.
     */
    default String numerics() {
        return NUMERICS_FP32;
    }

    /**
     * What the engine computes its kernels with, for provenance: the {@code Kernels} backend's name
     * for the pure-Java engines ({@code simd}, {@code scalar}, …), the execution provider for ONNX
     * Runtime; empty when there is none to name.
     */
    default String kernelBackend() {
        return "";
    }

    /**
     * The memory this engine holds now: weights and scratch counted exactly where the project
     * allocates them, resident-set growth where a library does (see {@link EngineMemory}).
     * Scratch grows with the largest batch so far, so ask after the work of interest.
     */
    default EngineMemory memory() {
        return EngineMemory.NOT_REPORTED;
    }

    /**
     * Tokens the model sees for {@code texts} after prefixing and truncation, {@code [CLS]} and
     * {@code [SEP]} included: the work an {@link #encode} call does, for tokens/s figures.
     *
     * @return their sum, or {@link EngineMemory#UNKNOWN} (-1) when the engine cannot tell
     */
    default long tokenCount(List<String> texts, boolean query) {
        return -1;
    }

    /** Length of the vectors {@link #encode} returns. */
    int dimension();

    /**
     * Encodes texts to sentence vectors, unit-norm when the model normalizes (all built-in models
     * do). The model's query or passage prefix is added here; texts are truncated to the model's
     * length.
     *
     * @param texts texts in any order; the result has the same order
     * @param query whether the texts are queries (they get the model's query prefix) or passages
     * @return one vector of {@link #dimension()} per text
     */
    float[][] encode(List<String> texts, boolean query);

    /** Releases the engine's resources; further calls fail. */
    @Override
    void close();
}
