package dev.plumbline.metrics.rag;

/**
 * Turns a sample into verdicts. RAG metrics are pure functions of the verdicts
 * ({@link RagMetrics}), so judges are interchangeable and each verdict can be shown as evidence.
 * Implementations must be deterministic for a fixed configuration and thread-safe.
 */
public interface Judge {
    /** Identity for provenance. */
    JudgeIdentity identity();

    /** Judges one sample; a verdict the judge could not reach is {@link Verdict#FAILED}, never omitted. */
    Judgment judge(RagInput input);
}
