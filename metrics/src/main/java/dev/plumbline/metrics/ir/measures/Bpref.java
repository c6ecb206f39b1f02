package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

/**
 * {@code bpref} ({@code m_bpref.c}): with R = num_rel and N = judged non-relevant documents
 * (qrels lines with {@code 0 <= rel < -l}), walk the ranking skipping documents not in the qrels
 * or unjudged there; each relevant document adds {@code 1 - min(n, R) / min(N, R)} where n is the
 * judged non-relevant documents above it (1 when n = 0); the sum is divided by R (left as is
 * when R = 0, where it is 0).
 */
public final class Bpref extends SimpleMeasure {
    /** Creates the measure. */
    public Bpref() {
        super("bpref", "Binary preference: fraction of judged non-relevant docs ranked after each relevant doc");
    }

    @Override
    double value(RankedTopic topic, EvalContext ctx) {
        return bpref(topic, ctx.params().relevanceLevel());
    }

    /** The topic's bpref; shared with gm_bpref. */
    static double bpref(RankedTopic topic, long level) {
        long numNonrel = 0;
        long[] relLevels = topic.relLevels();
        // trec_eval reads rel_levels[0 .. level-1]; past the topic's largest level it reads stale
        // memory, but then the topic has no relevant document and the value is 0 regardless.
        for (int j = 0; j < level && j < relLevels.length; j++) {
            numNonrel += relLevels[j];
        }
        long numRel = topic.numRel();
        long[] rels = topic.rels();
        long nonrelSoFar = 0;
        double bpref = 0.0;
        for (int j = 0; j < topic.numRet(); j++) {
            long rel = rels[j];
            if (rel == RankedTopic.NONPOOL || rel == RankedTopic.UNJUDGED) {
                continue;
            }
            if (rel >= 0 && rel < level) {
                nonrelSoFar++;
            } else if (nonrelSoFar > 0) {
                bpref += 1.0 - ((double) Math.min(nonrelSoFar, numRel) / (double) Math.min(numNonrel, numRel));
            } else {
                bpref += 1.0;
            }
        }
        if (numRel != 0) {
            bpref /= numRel;
        }
        return bpref;
    }
}
