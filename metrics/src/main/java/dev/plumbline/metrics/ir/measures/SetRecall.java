package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

/**
 * {@code set_recall} ({@code m_set_recall.c}): relevant retrieved / num_rel over the whole
 * ranking; 0 when the topic has no relevant document.
 */
public final class SetRecall extends SimpleMeasure {
    /** Creates the measure. */
    public SetRecall() {
        super("set_recall", "Set recall: relevant retrieved / relevant");
    }

    @Override
    double value(RankedTopic topic, EvalContext ctx) {
        if (topic.numRel() == 0) {
            return 0;
        }
        return (double) topic.numRelRet() / (double) topic.numRel();
    }
}
