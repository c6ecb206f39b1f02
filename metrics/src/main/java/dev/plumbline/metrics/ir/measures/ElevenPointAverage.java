package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.BoundMeasure;
import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

/**
 * {@code 11pt_avg} ({@code m_11pt_avg.c}): the mean of interpolated precision (see
 * iprec_at_recall) over the recall levels given as parameters, default 0.0, 0.1, ..., 1.0.
 * Levels above the relevant documents retrieved count as 0; the sum runs from the last level to
 * the first and is divided by the number of levels. Parameters are not sorted; with parameters
 * the measure prints as {@code 11pt_avg_<params as typed>}. A ranking with nothing retrieved
 * (under {@code -J}) gives {@code -nan}, as in trec_eval.
 */
public final class ElevenPointAverage extends DoubleParamMeasure {
    /** Creates the measure with trec_eval's default recall levels. */
    public ElevenPointAverage() {
        super("11pt_avg", "Interpolated precision averaged over 11 recall points",
                0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0);
    }

    @Override
    BoundMeasure bind(String printedName, double[] values, boolean userParams) {
        return new NamedValue(printedName) {
            @Override
            double value(RankedTopic topic, EvalContext ctx) {
                double[] points = new double[values.length];
                InterpolatedPrecisionAtRecall.interpolated(topic, ctx.params().relevanceLevel(), values, points, 0);
                double sum = 0.0;
                for (int i = points.length - 1; i >= 0; i--) {
                    sum += points[i];
                }
                return sum / (double) values.length;
            }
        };
    }
}
