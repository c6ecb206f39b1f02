package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;
import dev.plumbline.metrics.ir.ValueFormat;

/** {@code num_q}: number of topics evaluated; summary only. */
public final class NumQ extends SimpleMeasure {
    /** Creates the measure. */
    public NumQ() {
        super("num_q", "Number of topics results averaged over");
    }

    @Override
    double value(RankedTopic topic, EvalContext ctx) {
        return 1;
    }

    @Override
    public ValueFormat format() {
        return ValueFormat.INTEGER;
    }

    @Override
    public boolean hasPerTopicValues() {
        return false;
    }

    @Override
    public double summarize(int index, double[] perTopic, EvalContext ctx) {
        return perTopic.length;
    }
}
