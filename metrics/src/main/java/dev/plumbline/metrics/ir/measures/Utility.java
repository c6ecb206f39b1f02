package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.BoundMeasure;
import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

/**
 * {@code utility} ({@code m_utility.c}): the set utility
 * {@code p1*a + p2*b + p3*c + p4*d} with a = relevant retrieved, b = non-relevant retrieved,
 * c = relevant not retrieved, d = {@code -N} + a - num_ret - num_rel (non-relevant not
 * retrieved); parameters p1..p4 default to 1, -1, 0, 0. Averaged over topics.
 *
 * <p>Under {@code -c} trec_eval 10 zeroes a missing topic's value only when the value is named
 * exactly {@code utility}, that is without parameters; with parameters the placeholder ranking's
 * value stands (one non-relevant document retrieved: p2 + p3 * num_rel + p4 * ...).
 */
public final class Utility extends DoubleParamMeasure {
    /** Creates the measure with trec_eval's default coefficients. */
    public Utility() {
        super("utility", "Set utility p1*relret + p2*nonrelret + p3*relnotret + p4*nonrelnotret",
                1.0, -1.0, 0.0, 0.0);
    }

    @Override
    BoundMeasure bind(String printedName, double[] p, boolean userParams) {
        if (p.length != 4) {
            throw new IllegalArgumentException("utility takes exactly 4 coefficients, got " + p.length);
        }
        return new NamedValue(printedName) {
            @Override
            double value(RankedTopic topic, EvalContext ctx) {
                long relRet = topic.numRelRet();
                long ret = topic.numRet();
                long rel = topic.numRel();
                long n = ctx.params().numDocsInCollection();
                return p[0] * relRet + p[1] * (ret - relRet) + p[2] * (rel - relRet) + p[3] * (n + relRet - ret - rel);
            }

            @Override
            public void clearForMissingTopic(double[] out, int offset) {
                if (!userParams) {
                    out[offset] = 0;
                }
            }
        };
    }
}
