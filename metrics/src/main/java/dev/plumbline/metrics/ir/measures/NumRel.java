package dev.plumbline.metrics.ir.measures;

import dev.plumbline.datasets.trec.TopicQrels;
import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;
import dev.plumbline.metrics.ir.Summaries;
import dev.plumbline.metrics.ir.ValueFormat;

/**
 * {@code num_rel} ({@code m_num_rel.c}): judged documents with relevance {@code >= -l}; summed
 * over topics.
 *
 * <p>Quirk kept from trec_eval 10.0 ({@code te_calc_avg_num_rel}): under {@code -c} the summary
 * is not the sum of the per-topic values but the number of qrels lines with relevance
 * {@code > 0} over all qrels topics, ignoring {@code -l} (with {@code -l 2} the summary can be
 * twice the sum of the per-topic lines).
 */
public final class NumRel extends SimpleMeasure {
    /** Creates the measure. */
    public NumRel() {
        super("num_rel", "Number of relevant documents for topic");
    }

    @Override
    double value(RankedTopic topic, EvalContext ctx) {
        return topic.numRel();
    }

    @Override
    public ValueFormat format() {
        return ValueFormat.INTEGER;
    }

    @Override
    public double summarize(int index, double[] perTopic, EvalContext ctx) {
        if (!ctx.params().averageComplete()) {
            return Summaries.sum(perTopic);
        }
        long numRel = 0;
        for (TopicQrels tq : ctx.qrels().topics().values()) {
            for (int i = 0; i < tq.size(); i++) {
                if (tq.relevance(i) > 0) {
                    numRel++;
                }
            }
        }
        return numRel;
    }
}
