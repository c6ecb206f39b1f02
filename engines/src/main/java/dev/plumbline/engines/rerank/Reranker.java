package dev.plumbline.engines.rerank;

import java.util.List;
import java.util.Map;

/**
 * The Reranker stage: scores a query's candidates (the top {@code depth} of any retriever) so
 * they can be put in a new order. Built by a {@link RerankerProvider}, found by name through
 * {@link Rerankers}; the caller owns and closes it. Not thread-safe.
 */
public interface Reranker extends AutoCloseable {

    /** The provider's name: {@code maxsim}, {@code llm}, … */
    String type();

    /** Everything that changes its scores, for provenance, in a stable key order. */
    Map<String, String> details();

    /**
     * One score per candidate, higher is better; NaN for a candidate it could not score (a failed
     * call), which is then kept below the scored ones in its first-stage order and counted.
     */
    double[] scores(String query, List<String> candidates);

    /** Candidates it could not score so far, by failure kind ({@code HTTP 429}); empty for local rerankers. */
    default Map<String, Integer> failures() {
        return Map.of();
    }

    /** Releases engines and connections. */
    @Override
    default void close() {
    }
}
