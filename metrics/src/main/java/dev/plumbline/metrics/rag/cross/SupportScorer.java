package dev.plumbline.metrics.rag.cross;

import java.util.List;

/**
 * Scores how likely each claim is supported by a context: the trained cross-encoder behind
 * {@link CrossJudge}. Implementations are deterministic for a fixed model (same pair, same score,
 * in any batch) and may read a long context in windows, returning the best window.
 */
public interface SupportScorer extends AutoCloseable {
    /** The support of one claim by one context, with the part of the context it rests on. */
    record Support(double probability, String window) {
    }

    /** Model and adapter, for provenance (e.g. {@code minilm-l6+lora:SHA-256}). */
    String identity();

    /**
     * One support per pair, in order.
     *
     * @param firsts   the first segment of each pair ({@link CrossJudge#firstSegment})
     * @param contexts the context of each pair
     */
    List<Support> support(List<String> firsts, List<String> contexts);

    /** Releases the encoder. */
    @Override
    void close();
}
