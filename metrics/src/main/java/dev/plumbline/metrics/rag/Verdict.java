package dev.plumbline.metrics.rag;

/** A judge's answer to one yes/no question (is this claim supported, is this context relevant). */
public enum Verdict {
    /** Yes: the claim is supported / the context is relevant / the reference claim is attributable. */
    YES,
    /** No. */
    NO,
    /**
     * The judge could not decide (an LLM call failed, its answer could not be parsed). A metric
     * that needs this verdict is {@link MetricValue.Status#FAILED}, never silently skipped.
     */
    FAILED
}
