package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

import java.util.List;

/**
 * {@code ndcg_cut_k} ({@code m_ndcg_cut.c}): DCG of the top k over the ideal DCG of the top k,
 * discount {@code 1 / log2(i + 2)} at 0-based rank i. The gain is the qrels relevance value when
 * positive (no gain parameters), 0 otherwise; the ideal ranking is every judged document with
 * positive relevance, highest first, cut at k. A ranking shorter than k simply ends. 0 when the
 * ideal DCG is 0. {@code -l} is ignored.
 */
public final class NdcgCut extends CutoffMeasure {
    /** Creates the measure with trec_eval's default cutoffs. */
    public NdcgCut() {
        super("ndcg_cut", "nDCG at cutoffs (gain = relevance value)", 5, 10, 15, 20, 30, 100, 200, 500, 1000);
    }

    @Override
    void compute(RankedTopic topic, EvalContext ctx, long[] cutoffs, double[] out, int offset) {
        long[] rels = topic.rels();
        int numCutoffs = cutoffs.length;
        double sum = 0.0;
        int c = 0;
        for (int i = 0; i < topic.numRet(); i++) {
            if (i == cutoffs[c]) {
                out[offset + c] = sum;
                if (++c == numCutoffs) {
                    break;
                }
            }
            double gain = rels[i];
            if (gain > 0) {
                sum += gain / CMath.log2((double) (i + 2));
            }
        }
        for (; c < numCutoffs; c++) {
            out[offset + c] = sum;
        }
        // Ideal DCG at each cutoff. Gains without parameters are the relevance levels, ndcg_cut's
        // gains. With no judged document at all (trec_eval rejects such topics) the ideal ranking
        // is empty: nothing to normalise by.
        IdealGains ideal = new IdealGains(Gains.of(List.of(), topic));
        for (c = 0; c < numCutoffs; c++) {
            while (ideal.positive() && ideal.ranks() < cutoffs[c]) {
                ideal.next();
            }
            if (ideal.dcg() > 0.0) {
                out[offset + c] /= ideal.dcg();
            }
        }
    }
}
