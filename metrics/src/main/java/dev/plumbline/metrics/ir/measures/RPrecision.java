package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

/**
 * {@code Rprec} ({@code m_Rprec.c}): relevant documents among the top {@code R} (R = num_rel),
 * divided by R. Only {@code min(num_ret, R)} ranks are looked at, so a short ranking is padded
 * with non-relevant documents; 0 when R or num_ret is 0.
 */
public final class RPrecision extends SimpleMeasure {
    /** Creates the measure. */
    public RPrecision() {
        super("Rprec", "Precision after R documents have been retrieved (R = number of relevant docs)");
    }

    @Override
    double value(RankedTopic topic, EvalContext ctx) {
        long toLookAt = Math.min(topic.numRet(), topic.numRel());
        if (toLookAt == 0) {
            return 0;
        }
        long[] rels = topic.rels();
        long level = ctx.params().relevanceLevel();
        long relSoFar = 0;
        for (int i = 0; i < toLookAt; i++) {
            if (rels[i] >= level) {
                relSoFar++;
            }
        }
        return (double) relSoFar / (double) topic.numRel();
    }
}
