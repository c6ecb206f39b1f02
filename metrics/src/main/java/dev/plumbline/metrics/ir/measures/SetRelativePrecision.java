package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

/**
 * {@code set_relative_P} ({@code m_set_rel_P.c}): relevant retrieved / min(retrieved, num_rel),
 * the set precision relative to the best possible for a set of that size; 0 when either count
 * is 0.
 */
public final class SetRelativePrecision extends SimpleMeasure {
    /** Creates the measure. */
    public SetRelativePrecision() {
        super("set_relative_P", "Relative set precision: relevant retrieved / min(retrieved, relevant)");
    }

    @Override
    double value(RankedTopic topic, EvalContext ctx) {
        if (topic.numRet() == 0 || topic.numRel() == 0) {
            return 0;
        }
        return (double) topic.numRelRet() / (double) Math.min(topic.numRet(), topic.numRel());
    }
}
