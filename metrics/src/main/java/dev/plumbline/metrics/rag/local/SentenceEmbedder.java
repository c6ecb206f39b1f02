package dev.plumbline.metrics.rag.local;

import java.util.List;

/**
 * Sentence vectors for the local judge's embedding mode. The harness supplies one backed by
 * Plumbline's own encoder engines; the metrics module stays free of engines.
 *
 * <p>Implementations must be deterministic per text: a text's vector may not depend on which
 * other texts are embedded with it, the batch size or the thread count (the judge embeds whatever
 * texts a call holds together, and the same sample must get the same verdict). They must be safe
 * to call from several threads.
 */
public interface SentenceEmbedder extends AutoCloseable {
    /** Model and engine, with hashes, for the judge's identity in provenance. */
    String identity();

    /**
     * Embeds texts as passages (no query prefix).
     *
     * @return one unit-norm vector per text, in order
     */
    float[][] embed(List<String> texts);

    /** Releases the engine behind it; the judge that was given the embedder calls this when it closes. */
    @Override
    default void close() {
    }
}
