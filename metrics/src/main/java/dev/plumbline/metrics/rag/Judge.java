package dev.plumbline.metrics.rag;

import java.util.List;

/**
 * Turns a sample into verdicts. RAG metrics are pure functions of the verdicts
 * ({@link RagMetrics}), so judges are interchangeable and each verdict can be shown as evidence.
 * Implementations must be deterministic for a fixed configuration and thread-safe.
 */
public interface Judge extends AutoCloseable {
    /** Identity for provenance. */
    JudgeIdentity identity();

    /** Judges one sample; a verdict the judge could not reach is {@link Verdict#FAILED}, never omitted. */
    Judgment judge(RagInput input);

    /**
     * Judges many samples, in order. The default judges them in parallel one by one; a judge that
     * gains from batching (the local judge embeds a window's texts in one engine call) overrides
     * it. The result must equal judging each sample alone.
     */
    default List<Judgment> judgeAll(List<RagInput> inputs) {
        return inputs.parallelStream().map(this::judge).toList();
    }

    /** Releases what the judge holds (an encoder engine, an HTTP client); the default holds nothing. */
    @Override
    default void close() {
    }
}
