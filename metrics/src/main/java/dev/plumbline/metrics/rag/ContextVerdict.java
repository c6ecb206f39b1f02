package dev.plumbline.metrics.rag;

/**
 * Whether one retrieved context is relevant (useful for answering, or for arriving at the
 * reference answer), with the judge's score.
 *
 * @param index   position of the context in the retrieved list (0 = top ranked)
 * @param verdict relevant ({@link Verdict#YES}), not relevant, or failed
 * @param score   the judge's relevance score in [0, 1] (NaN when failed)
 * @param reason  why, in a few words
 */
public record ContextVerdict(int index, Verdict verdict, double score, String reason) {
}
