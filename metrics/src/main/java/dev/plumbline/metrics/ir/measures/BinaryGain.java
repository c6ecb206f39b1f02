package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

/**
 * {@code binG} ({@code m_binG.c}, experimental): each relevant retrieved document at 0-based
 * rank i, the k-th relevant one, adds {@code 1 / log2(2 + i - k + 1)} (2 + the non-relevant
 * documents above it); the sum is divided by num_rel. 0 when no relevant document is retrieved.
 */
public final class BinaryGain extends SimpleMeasure {
    /** Creates the measure. */
    public BinaryGain() {
        super("binG", "Binary G: mean over relevant docs of 1/log2(2 + non-relevant docs before it)");
    }

    @Override
    double value(RankedTopic topic, EvalContext ctx) {
        long level = ctx.params().relevanceLevel();
        long[] rels = topic.rels();
        long relSoFar = 0;
        double sum = 0.0;
        for (int i = 0; i < topic.numRet(); i++) {
            if (rels[i] >= level) {
                relSoFar++;
                sum += 1.0 / CMath.log2((double) (3 + i - relSoFar));
            }
        }
        return relSoFar != 0 ? sum / (double) topic.numRel() : 0;
    }
}
