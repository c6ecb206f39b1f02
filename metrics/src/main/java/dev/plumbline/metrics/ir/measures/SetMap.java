package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

/**
 * {@code set_map} ({@code m_set_map.c}): unranked average precision,
 * {@code relret^2 / (retrieved * num_rel)} (set precision times set recall); 0 when either
 * count is 0.
 */
public final class SetMap extends SimpleMeasure {
    /** Creates the measure. */
    public SetMap() {
        super("set_map", "Unranked set map: relevant retrieved^2 / (retrieved * relevant)");
    }

    @Override
    double value(RankedTopic topic, EvalContext ctx) {
        if (topic.numRet() == 0 || topic.numRel() == 0) {
            return 0;
        }
        double relRet = topic.numRelRet();
        return (relRet * relRet) / ((double) topic.numRet() * (double) topic.numRel());
    }
}
