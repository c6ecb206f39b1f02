package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

/**
 * {@code Rprec_mult_x} ({@code m_Rprec_mult.c}): precision at rank {@code (long) (x * R + 0.9)},
 * R = num_rel, for each multiple x (default 0.2, 0.4, ..., 2.0). Ranks past the end of the
 * ranking divide the relevant documents retrieved by the rank (padding with non-relevant
 * documents). Ranks within it are found walking the ranking backwards and stop at the last
 * relevant document, so a rank above every relevant document (and rank 0) keeps 0.
 */
public final class RPrecisionMultiple extends DoubleCutoffMeasure {
    /** Creates the measure with trec_eval's default multiples. */
    public RPrecisionMultiple() {
        super("Rprec_mult", "Precision at multiples of R (number of relevant docs)",
                0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0);
    }

    @Override
    void compute(RankedTopic topic, EvalContext ctx, double[] percents, double[] out, int offset) {
        int n = percents.length;
        long[] cutoffs = new long[n];
        for (int i = 0; i < n; i++) {
            cutoffs[i] = CMath.toLong(percents[i] * topic.numRel() + 0.9);
        }
        long numRet = topic.numRet();
        long numRelRet = topic.numRelRet();
        int currentCut = n - 1;
        while (currentCut >= 0 && cutoffs[currentCut] > numRet) {
            out[offset + currentCut] = (double) numRelRet / (double) cutoffs[currentCut];
            currentCut--;
        }
        long level = ctx.params().relevanceLevel();
        long[] rels = topic.rels();
        long relSoFar = numRelRet;
        for (int i = (int) numRet; i > 0 && relSoFar > 0; i--) {
            double precis = (double) relSoFar / (double) i;
            while (currentCut >= 0 && i == cutoffs[currentCut]) {
                out[offset + currentCut] = precis;
                currentCut--;
            }
            if (rels[i - 1] >= level) {
                relSoFar--;
            }
        }
    }
}
