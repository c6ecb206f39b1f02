package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;
import dev.plumbline.metrics.ir.Summaries;

/**
 * {@code gm_bpref} ({@code m_gm_bpref.c}): bpref per topic, summarized by the geometric mean
 * {@code exp(mean(log(max(bpref, 0.00001))))}; summary only. The per-topic values kept here are
 * the bprefs, not their logs.
 */
public final class GeometricBpref extends SimpleMeasure {
    /** Creates the measure. */
    public GeometricBpref() {
        super("gm_bpref", "Binary preference, geometric mean over topics");
    }

    @Override
    double value(RankedTopic topic, EvalContext ctx) {
        return Bpref.bpref(topic, ctx.params().relevanceLevel());
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
