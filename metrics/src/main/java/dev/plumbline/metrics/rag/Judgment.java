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
 */
public record Judgment(List<ClaimVerdict> answerClaims, List<ContextVerdict> contexts,
                       List<ClaimVerdict> referenceClaims, double answerSimilarity, boolean noncommittal) {
}
