package dev.plumbline.engines.retrieval;

import java.util.Map;

/**
 * One query's ranked list: corpus ordinals best first with their scores, and how long each stage
 * of the retriever took for it (what the harness records as stage latency).
 *
 * @param docs        corpus ordinals in rank order
 * @param scores      the score of each, same length, non-increasing
 * @param stageNanos  stage name ({@code query_encode}, {@code search}, {@code fuse}, or
 *                    {@code PART.STAGE} inside a hybrid) → nanoseconds, in the order they ran;
 *                    empty for lists not produced by one timed call
 */
public record Hits(int[] docs, double[] scores, Map<String, Long> stageNanos) {
    /** Checks the lengths and copies the stage map. */
    public Hits {
        if (docs.length != scores.length) {
            throw new IllegalArgumentException(docs.length + " documents but " + scores.length + " scores");
        }
        stageNanos = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stageNanos));
    }

    /** Number of hits. */
    public int size() {
        return docs.length;
    }

    /** Sum of the stage times: what the caller waited for. */
    public long totalNanos() {
        long t = 0;
        for (long n : stageNanos.values()) {
            t += n;
        }
        return t;
    }
}
