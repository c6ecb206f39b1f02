package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

/**
 * {@code relative_P_k} ({@code m_rel_P.c}): relevant documents in the top k divided by
 * {@code min(k, num_rel)}, the best possible; precision up to R, recall after. 0 when the topic
 * has no relevant document.
 */
public final class RelativePrecision extends CutoffMeasure {
    /** Creates the measure with trec_eval's default cutoffs. */
    public RelativePrecision() {
        super("relative_P", "Precision at cutoffs relative to the best possible", 5, 10, 15, 20, 30, 100, 200, 500, 1000);
    }

    @Override
    void compute(RankedTopic topic, EvalContext ctx, long[] cutoffs, double[] out, int offset) {
        long numRel = topic.numRel();
        if (numRel == 0) {
            return;
        }
        long[] rels = topic.rels();
        long level = ctx.params().relevanceLevel();
        long relSoFar = 0;
        int c = 0;
        for (int i = 0; i < topic.numRet(); i++) {
            if (i == cutoffs[c]) {
                out[offset + c] = (double) relSoFar / (double) Math.min(i, numRel);
                if (++c == cutoffs.length) {
                    break;
                }
            }
            if (rels[i] >= level) {
                relSoFar++;
            }
        }
        for (; c < cutoffs.length; c++) {
            out[offset + c] = (double) relSoFar / (double) Math.min(cutoffs[c], numRel);
        }
    }
}
