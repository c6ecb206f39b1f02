package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

/**
 * {@code infAP} ({@code m_infap.c}, Yilmaz and Aslam): inferred average precision for a sampled
 * judgment pool. With j the 0-based rank among all retrieved documents, documents not in the
 * qrels are skipped, unjudged pool documents counted, and each relevant document adds 1 when
 * j = 0, else
 * {@code 1/(j+1) + (j/(j+1)) * ((r-1+n+u)/j) * ((r-1+eps)/(r-1+n+2eps))}, r, n, u being the
 * relevant (this one included), judged non-relevant and unjudged documents so far and
 * eps = 0.00001. The sum is divided by num_rel (left as is when that is 0).
 */
public final class InferredAp extends SimpleMeasure {
    private static final double INFAP_EPSILON = 0.00001;

    /** Creates the measure. */
    public InferredAp() {
        super("infAP", "Inferred AP for sampled judgment pools");
    }

    @Override
    double value(RankedTopic topic, EvalContext ctx) {
        long level = ctx.params().relevanceLevel();
        long[] rels = topic.rels();
        long nonrelSoFar = 0;
        long relSoFar = 0;
        long poolUnjudgedSoFar = 0;
        double infAp = 0.0;
        for (int j = 0; j < topic.numRet(); j++) {
            long rel = rels[j];
            if (rel == RankedTopic.NONPOOL) {
                continue;
            }
            if (rel == RankedTopic.UNJUDGED) {
                poolUnjudgedSoFar++;
                continue;
            }
            if (rel >= 0 && rel < level) {
                nonrelSoFar++;
            } else {
                relSoFar++;
                if (j == 0) {
                    infAp += 1.0;
                } else {
                    double fj = j;
                    infAp += 1.0 / (fj + 1.0)
                            + (fj / (fj + 1.0))
                            * ((relSoFar - 1 + nonrelSoFar + poolUnjudgedSoFar) / fj)
                            * ((relSoFar - 1 + INFAP_EPSILON) / (relSoFar - 1 + nonrelSoFar + 2 * INFAP_EPSILON));
                }
            }
        }
        if (topic.numRel() != 0) {
            infAp /= topic.numRel();
        }
        return infAp;
    }
}
