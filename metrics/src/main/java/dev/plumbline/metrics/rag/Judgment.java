package dev.plumbline.metrics.rag;

import java.util.List;

/**
 * Every verdict a judge gave for one sample; the RAG metrics are computed from it by
 * {@link RagScorer}, and reports show it as the evidence for a score.
 *
 * @param answerClaims     the answer's claims, each checked against the contexts (faithfulness)
 * @param contexts         each context's relevance to the question, or to the reference when there is one (context precision)
 * @param referenceClaims  the reference's claims checked against the contexts (context recall); empty without a reference
 * @param answerSimilarity similarity of answer and question in [−1, 1] (answer relevance), NaN when failed
 * @param noncommittal     whether the answer evades the question ("I don't know")
 * @param similarityFailure why {@code answerSimilarity} is NaN (e.g. the LLM call's HTTP status); empty otherwise
 */
public record Judgment(List<ClaimVerdict> answerClaims, List<ContextVerdict> contexts,
                       List<ClaimVerdict> referenceClaims, double answerSimilarity, boolean noncommittal,
                       String similarityFailure) {
    /** A judgment whose similarity, if NaN, has no reason to give. */
    public Judgment(List<ClaimVerdict> answerClaims, List<ContextVerdict> contexts,
                    List<ClaimVerdict> referenceClaims, double answerSimilarity, boolean noncommittal) {
        this(answerClaims, contexts, referenceClaims, answerSimilarity, noncommittal, "");
    }
}
