package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

/**
 * {@code unj_k} ({@code m_unjudged.c}, new in trec_eval 10): the fraction of the top k that is
 * not judged (not in the qrels, or in them with a negative value); ranks past the end of the
 * ranking count as judged. Default cutoffs 5, 10, 20. Under {@code -c} trec_eval zeroes a
 * missing topic's values (its placeholder document would otherwise count as unjudged).
 */
public final class Unjudged extends CutoffMeasure {
    /** Creates the measure with trec_eval's default cutoffs. */
    public Unjudged() {
        super("unj", "Fraction of unjudged docs at cutoffs", 5, 10, 20);
    }

    @Override
    void compute(RankedTopic topic, EvalContext ctx, long[] cutoffs, double[] out, int offset) {
        long[] rels = topic.rels();
        long unjSoFar = 0;
        int c = 0;
        for (int i = 0; i < topic.numRet(); i++) {
            if (i == cutoffs[c]) {
                out[offset + c] = (double) unjSoFar / (double) i;
                if (++c == cutoffs.length) {
                    break;
                }
            }
            if (rels[i] == RankedTopic.NONPOOL || rels[i] == RankedTopic.UNJUDGED) {
                unjSoFar++;
            }
        }
        for (; c < cutoffs.length; c++) {
            out[offset + c] = (double) unjSoFar / (double) cutoffs[c];
        }
    }

    @Override
    void clearForMissingTopic(long[] cutoffs, double[] out, int offset) {
        for (int c = 0; c < cutoffs.length; c++) {
            out[offset + c] = 0;
        }
    }
}
