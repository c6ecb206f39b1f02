package dev.plumbline.metrics.rag.local;

import java.util.Locale;

/**
 * What the support of one claim by one context rests on, apart from the parameters; the fitting
 * procedure computes it once and re-weighs it at every grid point.
 *
 * @param grounding  lexical evidence
 * @param similarity the claim's best cosine to one of the context's sentences; NaN in lexical mode
 * @param sentence   index of that sentence in the context, or -1
 */
record ContextEvidence(Grounding grounding, double similarity, int sentence) {

    /** The support score under {@code p}. */
    double score(LocalJudgeParameters p) {
        return grounding.score(p, similarity);
    }

    /** What weakened or carried the support, for reports. */
    String explain() {
        String lexical = grounding.explain();
        return Double.isNaN(similarity) ? lexical : String.format(Locale.ROOT,
                "%s; similarity %.2f to context sentence %d", lexical, similarity, sentence + 1);
    }
}
