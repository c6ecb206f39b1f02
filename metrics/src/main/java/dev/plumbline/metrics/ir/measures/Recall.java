package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

/**
 * {@code recall_k} ({@code m_recall.c}): relevant documents in the top k divided by num_rel;
 * 0 for every k when the topic has no relevant document.
 */
public final class Recall extends CutoffMeasure {
    /** Creates the measure with trec_eval's default cutoffs. */
    public Recall() {
        super("recall", "Recall at cutoffs", 5, 10, 15, 20, 30, 100, 200, 500, 1000);
    }

    @Override
    void compute(RankedTopic topic, EvalContext ctx, long[] cutoffs, double[] out, int offset) {
        if (topic.numRel() == 0) {
            return;
        }
        long[] rels = topic.rels();
        long level = ctx.params().relevanceLevel();
        double numRel = topic.numRel();
        long relSoFar = 0;
        int c = 0;
        for (int i = 0; i < topic.numRet(); i++) {
            if (i == cutoffs[c]) {
                out[offset + c] = (double) relSoFar / numRel;
                if (++c == cutoffs.length) {
                    break;
                }
            }
            if (rels[i] >= level) {
                relSoFar++;
            }
        }
        for (; c < cutoffs.length; c++) {
            out[offset + c] = (double) relSoFar / numRel;
        }
    }
}
