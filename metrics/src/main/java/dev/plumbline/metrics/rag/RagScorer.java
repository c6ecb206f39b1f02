package dev.plumbline.metrics.rag;

import java.util.LinkedHashMap;
import java.util.Map;

/** Computes the four RAG metrics of one sample from its {@link Judgment}. */
public final class RagScorer {
    /** Metric names as they appear in results, RAGAS's names. */
    public static final String FAITHFULNESS = "faithfulness";
    /** Answer relevance. */
    public static final String ANSWER_RELEVANCE = "answer_relevance";
    /** Context precision. */
    public static final String CONTEXT_PRECISION = "context_precision";
    /** Context recall (needs a reference). */
    public static final String CONTEXT_RECALL = "context_recall";

    private RagScorer() {
    }

    /** All four metrics; context recall is undefined when the sample has no reference. */
    public static Map<String, MetricValue> score(RagInput input, Judgment j) {
        Map<String, MetricValue> m = new LinkedHashMap<>();
        m.put(FAITHFULNESS, RagMetrics.faithfulness(j.answerClaims()));
        m.put(ANSWER_RELEVANCE, RagMetrics.answerRelevance(j.answerSimilarity(), j.noncommittal(),
                j.similarityFailure()));
        m.put(CONTEXT_PRECISION, RagMetrics.contextPrecision(j.contexts()));
        m.put(CONTEXT_RECALL, input.reference() == null || input.reference().isBlank()
                ? MetricValue.undefined("the sample has no reference answer")
                : RagMetrics.contextRecall(j.referenceClaims()));
        return m;
    }
}
