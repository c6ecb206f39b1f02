package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

/**
 * {@code P_k} ({@code m_P.c}): relevant documents in the top k divided by k, even when fewer
 * than k were retrieved.
 */
public final class Precision extends CutoffMeasure {
    /** Creates the measure with trec_eval's default cutoffs. */
    public Precision() {
        super("P", "Precision at cutoffs", 5, 10, 15, 20, 30, 100, 200, 500, 1000);
    }

    @Override
    void compute(RankedTopic topic, EvalContext ctx, long[] cutoffs, double[] out, int offset) {
        long[] rels = topic.rels();
        long level = ctx.params().relevanceLevel();
        long relSoFar = 0;
        int c = 0;
        for (int r = 0; r < topic.numRet() && c < cutoffs.length; r++) {
            while (c < cutoffs.length && cutoffs[c] == r) {
                out[offset + c] = (double) relSoFar / cutoffs[c];
                c++;
            }
            if (rels[r] >= level) {
                relSoFar++;
            }
        }
        for (; c < cutoffs.length; c++) {
            out[offset + c] = (double) relSoFar / cutoffs[c];
        }
    }
}
