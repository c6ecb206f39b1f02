package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

/**
 * {@code success_k} ({@code m_success.c}): 1 if a relevant document is in the top k, else 0.
 * Default cutoffs 1, 5, 10.
 */
public final class Success extends CutoffMeasure {
    /** Creates the measure with trec_eval's default cutoffs. */
    public Success() {
        super("success", "Success (a relevant doc retrieved) at cutoffs", 1, 5, 10);
    }

    @Override
    void compute(RankedTopic topic, EvalContext ctx, long[] cutoffs, double[] out, int offset) {
        long[] rels = topic.rels();
        long level = ctx.params().relevanceLevel();
        long relSoFar = 0;
        int c = 0;
        for (int i = 0; i < topic.numRet(); i++) {
            if (i == cutoffs[c]) {
                out[offset + c] = relSoFar != 0 ? 1.0 : 0.0;
                if (++c == cutoffs.length) {
                    break;
                }
            }
            if (rels[i] >= level) {
                relSoFar++;
            }
        }
        for (; c < cutoffs.length; c++) {
            out[offset + c] = relSoFar != 0 ? 1.0 : 0.0;
        }
    }
}
