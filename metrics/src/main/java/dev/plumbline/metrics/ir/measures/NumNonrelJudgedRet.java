package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;
import dev.plumbline.metrics.ir.Summaries;
import dev.plumbline.metrics.ir.ValueFormat;

/**
 * {@code num_nonrel_judged_ret} ({@code m_num_nonrel_judged_ret.c}): retrieved documents judged
 * non-relevant, num_ret - not in qrels - unjudged - relevant retrieved; summed over topics.
 */
public final class NumNonrelJudgedRet extends SimpleMeasure {
    /** Creates the measure. */
    public NumNonrelJudgedRet() {
        super("num_nonrel_judged_ret", "Number of judged non-relevant documents retrieved for topic");
    }

    @Override
    double value(RankedTopic topic, EvalContext ctx) {
        return (double) topic.numRet() - topic.numNonpool() - topic.numUnjudgedInPool() - topic.numRelRet();
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
