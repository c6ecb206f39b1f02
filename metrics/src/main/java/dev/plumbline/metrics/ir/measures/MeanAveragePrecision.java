package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

/**
 * {@code map} ({@code m_map.c}): the sum over retrieved relevant documents of precision at their
 * rank, divided by the number of relevant documents (unretrieved ones contribute 0).
 */
public final class MeanAveragePrecision extends SimpleMeasure {
    /** Creates the measure. */
    public MeanAveragePrecision() {
        super("map", "Mean Average Precision: mean over relevant docs of precision at their rank");
    }

    @Override
    double value(RankedTopic topic, EvalContext ctx) {
        return averagePrecision(topic, topic.numRet(), ctx.params().relevanceLevel());
    }

    /** Average precision over the first {@code depth} ranks; shared with map_cut. */
    static double averagePrecision(RankedTopic topic, long depth, long level) {
        if (topic.numRel() == 0) {
            return 0;
        }
        long[] rels = topic.rels();
        long limit = Math.min(depth, topic.numRet());
        double sum = 0;
        long relSoFar = 0;
        for (int r = 0; r < limit; r++) {
            if (rels[r] >= level) {
                relSoFar++;
                sum += (double) relSoFar / (r + 1);
            }
        }
        return sum / topic.numRel();
    }
}
