package dev.plumbline.engines.index;

/**
 * Top-k hits per query: {@code ids[q][r]} is the ordinal (insertion position) of the document at
 * rank r for query q, {@code scores[q][r]} its similarity. Ranks are ordered by score descending,
 * ties by ordinal ascending, so results are deterministic whatever the thread count.
 *
 * @param ids    per query, document ordinals in rank order (length min(k, size))
 * @param scores per query, scores in rank order
 */
public record SearchResults(int[][] ids, float[][] scores) {
}
