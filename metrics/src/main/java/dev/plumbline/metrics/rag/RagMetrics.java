package dev.plumbline.metrics.rag;

import java.util.List;
import java.util.Set;

/**
 * The RAG metrics as pure functions of verdicts, with the formulas RAGAS documents. Each returns
 * a {@link MetricValue}: undefined and failed cases are NaN with a status, never 0.
 */
public final class RagMetrics {
    private RagMetrics() {
    }

    /**
     * Faithfulness: supported claims / claims in the answer. Undefined when the answer has no
     * claims; failed when any claim's verdict failed (a partial count would be biased).
     */
    public static MetricValue faithfulness(List<ClaimVerdict> claims) {
        if (claims.isEmpty()) {
            return MetricValue.undefined("the answer has no claims");
        }
        int supported = 0;
        for (ClaimVerdict c : claims) {
            if (c.verdict() == Verdict.FAILED) {
                return MetricValue.failed(failedClaim(c));
            }
            if (c.verdict() == Verdict.YES) {
                supported++;
            }
        }
        return MetricValue.of((double) supported / claims.size());
    }

    /**
     * Context precision (RAGAS, with or without reference): the rank-weighted mean of precision@k
     * over relevant contexts, {@code Σ_k (precision@k · v_k) / Σ_k v_k} with {@code v_k} = 1 when the
     * context at rank k is relevant; 0 when none is relevant. RAGAS divides by
     * {@code Σ v_k + 1e-10}, so it reports 0.9999999999 where this reports 1.
     */
    public static MetricValue contextPrecision(List<ContextVerdict> contexts) {
        if (contexts.isEmpty()) {
            return MetricValue.undefined("no contexts were retrieved");
        }
        boolean[] relevant = new boolean[contexts.size()];
        for (int k = 0; k < contexts.size(); k++) {
            ContextVerdict c = contexts.get(k);
            if (c.verdict() == Verdict.FAILED) {
                return MetricValue.failed("verdict failed" + because(c.reason()) + " for context " + c.index());
            }
            relevant[k] = c.verdict() == Verdict.YES;
        }
        return MetricValue.of(rankWeightedPrecision(relevant));
    }

    /** The failed value's reason names the verdict's own reason (an LLM call's HTTP status, say) first. */
    private static String failedClaim(ClaimVerdict c) {
        return "verdict failed" + because(c.reason()) + " for claim: " + c.claim();
    }

    private static String because(String reason) {
        return reason == null || reason.isEmpty() ? "" : " (" + reason + ")";
    }

    /** Context precision from context ids and the set of relevant ids (qrels). */
    public static MetricValue contextPrecisionById(List<String> retrievedIds, Set<String> relevantIds) {
        if (retrievedIds.isEmpty()) {
            return MetricValue.undefined("no contexts were retrieved");
        }
        boolean[] relevant = new boolean[retrievedIds.size()];
        for (int k = 0; k < relevant.length; k++) {
            relevant[k] = relevantIds.contains(retrievedIds.get(k));
        }
        return MetricValue.of(rankWeightedPrecision(relevant));
    }

    static double rankWeightedPrecision(boolean[] relevant) {
        double numerator = 0;
        int relevantSoFar = 0;
        for (int k = 0; k < relevant.length; k++) {
            if (relevant[k]) {
                relevantSoFar++;
                numerator += (double) relevantSoFar / (k + 1);
            }
        }
        return relevantSoFar == 0 ? 0 : numerator / relevantSoFar;
    }

    /**
     * Context recall: share of the reference answer's claims attributable to the retrieved
     * contexts. Undefined when the reference has no claims.
     */
    public static MetricValue contextRecall(List<ClaimVerdict> referenceClaims) {
        if (referenceClaims.isEmpty()) {
            return MetricValue.undefined("the reference has no claims");
        }
        return faithfulnessLikeShare(referenceClaims);
    }

    private static MetricValue faithfulnessLikeShare(List<ClaimVerdict> claims) {
        int yes = 0;
        for (ClaimVerdict c : claims) {
            if (c.verdict() == Verdict.FAILED) {
                return MetricValue.failed(failedClaim(c));
            }
            if (c.verdict() == Verdict.YES) {
                yes++;
            }
        }
        return MetricValue.of((double) yes / claims.size());
    }

    /** Context recall from ids: relevant ids retrieved / relevant ids; undefined without relevant ids. */
    public static MetricValue contextRecallById(List<String> retrievedIds, Set<String> relevantIds) {
        if (relevantIds.isEmpty()) {
            return MetricValue.undefined("the sample has no relevant context ids");
        }
        long found = retrievedIds.stream().distinct().filter(relevantIds::contains).count();
        return MetricValue.of((double) found / relevantIds.size());
    }

    /**
     * Answer relevance: the similarity of the answer to the question in [−1, 1] (RAGAS averages the
     * cosine of questions generated from the answer to the real question; the local judge uses
     * the answer itself), times 0 for a non-committal answer ("I don't know"), as RAGAS does.
     */
    public static MetricValue answerRelevance(double similarity, boolean noncommittal) {
        return answerRelevance(similarity, noncommittal, "");
    }

    /** As {@link #answerRelevance(double, boolean)}, with the judge's reason when the similarity is NaN. */
    public static MetricValue answerRelevance(double similarity, boolean noncommittal, String failure) {
        if (Double.isNaN(similarity)) {
            return MetricValue.failed("no similarity between question and answer" + because(failure));
        }
        return MetricValue.of(noncommittal ? 0 : similarity);
    }
}
