package dev.plumbline.engines;

import java.util.List;

/**
 * An open encoder: one model on one engine, holding its native or thread resources until
 * {@link #close}. Instances are not thread-safe; the caller owns them and closes them.
 */
public interface Engine extends AutoCloseable {

    /** Engine name, as its {@link EngineProvider} is registered. */
    String name();

    /** Engine, version, backend and model hashes, for provenance. */
    EngineIdentity identity();

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
