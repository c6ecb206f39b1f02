package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

/**
 * {@code recip_rank} ({@code m_recip_rank.c}): 1 / rank of the first relevant retrieved
 * document; 0 when none is retrieved.
 */
public final class ReciprocalRank extends SimpleMeasure {
    /** Creates the measure. */
    public ReciprocalRank() {
        super("recip_rank", "Reciprocal rank of the first relevant retrieved doc");
    }

    @Override
    double value(RankedTopic topic, EvalContext ctx) {
        long[] rels = topic.rels();
        long level = ctx.params().relevanceLevel();
        for (int i = 0; i < topic.numRet(); i++) {
            if (rels[i] >= level) {
                return 1.0 / (double) (i + 1);
            }
        }
        return 0;
    }
}
