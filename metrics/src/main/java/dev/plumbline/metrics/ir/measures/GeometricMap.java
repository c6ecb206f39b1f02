package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;
import dev.plumbline.metrics.ir.Summaries;

/**
 * {@code gm_map} ({@code m_gm_map.c}): average precision per topic (as {@code map}), summarized
 * by the geometric mean {@code exp(mean(log(max(ap, 0.00001))))}; summary only, no per-topic
 * lines. The per-topic values kept here are the average precisions, not their logs.
 */
public final class GeometricMap extends SimpleMeasure {
    /** Creates the measure. */
    public GeometricMap() {
        super("gm_map", "Geometric Mean Average Precision");
    }

    @Override
    double value(RankedTopic topic, EvalContext ctx) {
        return MeanAveragePrecision.averagePrecision(topic, topic.numRet(), ctx.params().relevanceLevel());
    }

    @Override
    public boolean hasPerTopicValues() {
        return false;
    }

    @Override
    public double summarize(int index, double[] perTopic, EvalContext ctx) {
        return Summaries.geometricMean(perTopic);
    }
}
