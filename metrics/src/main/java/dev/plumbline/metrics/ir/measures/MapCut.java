package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

/**
 * {@code map_cut_k} ({@code m_map_cut.c}): average precision over the top k: the sum of
 * precision at each relevant document within the top k, divided by num_rel (all relevant
 * documents, not only those within k). 0 when the topic has no relevant document.
 */
public final class MapCut extends CutoffMeasure {
    /** Creates the measure with trec_eval's default cutoffs. */
    public MapCut() {
        super("map_cut", "Mean average precision at cutoffs", 5, 10, 15, 20, 30, 100, 200, 500, 1000);
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
        double sum = 0.0;
        int c = 0;
        for (int i = 0; i < topic.numRet(); i++) {
            if (i == cutoffs[c]) {
                out[offset + c] = sum / numRel;
                if (++c == cutoffs.length) {
                    break;
                }
            }
            if (rels[i] >= level) {
                relSoFar++;
                sum += (double) relSoFar / (double) (i + 1);
            }
        }
        for (; c < cutoffs.length; c++) {
            out[offset + c] = sum / numRel;
        }
    }
}
