package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;
import dev.plumbline.metrics.ir.Summaries;
import dev.plumbline.metrics.ir.ValueFormat;

/** {@code num_ret}: documents retrieved (after {@code -M}/{@code -J}); summed over topics. */
public final class NumRet extends SimpleMeasure {
    /** Creates the measure. */
    public NumRet() {
        super("num_ret", "Number of documents retrieved for topic");
    }

    @Override
    double value(RankedTopic topic, EvalContext ctx) {
        return topic.numRet();
    }

    @Override
    public ValueFormat format() {
        return ValueFormat.INTEGER;
    }

    @Override
    public void clearForMissingTopic(double[] out, int offset) {
        out[offset] = 0;
    }

    @Override
    public double summarize(int index, double[] perTopic, EvalContext ctx) {
        return Summaries.sum(perTopic);
    }
}
