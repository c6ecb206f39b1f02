package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

/**
 * {@code set_P} ({@code m_set_P.c}): relevant retrieved / retrieved over the whole (possibly
 * {@code -M} cut) ranking, without padding; 0 when nothing is retrieved.
 */
public final class SetPrecision extends SimpleMeasure {
    /** Creates the measure. */
    public SetPrecision() {
        super("set_P", "Set precision: relevant retrieved / retrieved");
    }

    @Override
    double value(RankedTopic topic, EvalContext ctx) {
        if (topic.numRet() == 0) {
            return 0;
        }
        return (double) topic.numRelRet() / (double) topic.numRet();
    }
}
