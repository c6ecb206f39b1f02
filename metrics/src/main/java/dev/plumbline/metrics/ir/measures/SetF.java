package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.BoundMeasure;
import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

/**
 * {@code set_F} ({@code m_set_F.c}): the weighted harmonic mean of set precision P and set
 * recall R, {@code (x + 1) P R / (x P + R)}, x the parameter (default 1: {@code -m set_F.0.5}
 * prints {@code set_F_0.5}); 0 when no relevant document is retrieved.
 */
public final class SetF extends DoubleParamMeasure {
    /** Creates the measure with trec_eval's default weight 1. */
    public SetF() {
        super("set_F", "Set F measure: weighted harmonic mean of set precision and recall", 1.0);
    }

    @Override
    BoundMeasure bind(String printedName, double[] values, boolean userParams) {
        double x = values[0];
        return new NamedValue(printedName) {
            @Override
            double value(RankedTopic topic, EvalContext ctx) {
                if (topic.numRelRet() == 0) {
                    return 0;
                }
                double p = (double) topic.numRelRet() / (double) topic.numRet();
                double r = (double) topic.numRelRet() / (double) topic.numRel();
                return (x + 1.0) * p * r / (x * p + r);
            }
        };
    }
}
