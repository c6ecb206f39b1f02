package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;
import dev.plumbline.metrics.ir.Summaries;
import dev.plumbline.metrics.ir.ValueFormat;

/** {@code num_rel_ret}: relevant documents retrieved; summed over topics. */
public final class NumRelRet extends SimpleMeasure {
    /** Creates the measure. */
    public NumRelRet() {
        super("num_rel_ret", "Number of relevant documents retrieved for topic");
    }

    @Override
    double value(RankedTopic topic, EvalContext ctx) {
        return topic.numRelRet();
    }

    @Override
    public ValueFormat format() {
        return ValueFormat.INTEGER;
    }

    @Override
    public double summarize(int index, double[] perTopic, EvalContext ctx) {
        return Summaries.sum(perTopic);
    }
}
