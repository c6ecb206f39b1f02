package dev.plumbline.metrics.rag;

/**
 * Whether one atomic claim is supported by the retrieved contexts, with the evidence a report
 * shows next to it.
 *
 * @param claim            the claim text
 * @param verdict          supported ({@link Verdict#YES}), not supported, or failed
 * @param supportingContext index of the context that supports it best, or -1
 * @param score            the judge's support score in [0, 1] (NaN when failed)
 * @param reason           why, in a few words (e.g. "number 1947 not in any context")
 * @param evidence         the context sentence the score rests on (of the best-scoring context, even when
 *                         the claim is not supported, so a reader sees what came closest); empty when the
 *                         judge gives none
 */
public record ClaimVerdict(String claim, Verdict verdict, int supportingContext, double score, String reason,
                           String evidence) {
    /** Requires the texts; a {@code null} evidence becomes empty. */
    public ClaimVerdict {
        evidence = evidence == null ? "" : evidence;
    }

    /** A verdict without an evidence sentence (the LLM judge, failed verdicts). */
    public ClaimVerdict(String claim, Verdict verdict, int supportingContext, double score, String reason) {
        this(claim, verdict, supportingContext, score, reason, "");
    }
}
