package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.BoundMeasure;
import dev.plumbline.metrics.ir.RankedTopic;

import java.util.List;

/**
 * {@code ndcg_rel} ({@code m_ndcg_rel.c}, experimental): nDCG averaged over the relevant
 * documents, relevant meaning positive gain. Each retrieved document with positive gain
 * contributes DCG / ideal DCG at its rank; each positive-gain document of the ideal ranking not
 * matched by one contributes the final DCG / final ideal DCG; the sum is divided by the number
 * of positive-gain judged documents. 0 when the sum is not positive (including NaN). Gains as
 * for ndcg ({@code -m ndcg_rel.1=3}); {@code -l} is not used.
 */
public final class NdcgRel extends PairParamMeasure {
    /** Creates the measure. */
    public NdcgRel() {
        super("ndcg_rel", "nDCG averaged over relevant docs (experimental)");
    }

    @Override
    BoundMeasure bind(String printedName, List<Pair> pairs, boolean userParams) {
        return NamedValue.of(printedName, (topic, ctx) -> ndcgRel(topic, Gains.of(pairs, topic)));
    }

    private static double ndcgRel(RankedTopic topic, Gains gains) {
        long[] rels = topic.rels();
        IdealGains ideal = new IdealGains(gains);
        double resultsDcg = 0.0;
        double sum = 0.0;
        long numRelRet = 0;
        for (int i = 0; i < topic.numRet(); i++) {
            double resultsGain = gains.gainOf(rels[i]);
            if (resultsGain != 0) {
                resultsDcg += resultsGain / CMath.log2((double) (i + 2));
            }
            // The ideal ranking keeps pace with the ranking until its gain is no longer positive.
            if (ideal.positive()) {
                ideal.next();
            }
            if (resultsGain > 0) {
                sum += resultsDcg / ideal.dcg();
                numRelRet++;
            }
        }
        ideal.toEnd();
        long numRel = ideal.numPositive();
        sum += ((double) (numRel - numRelRet)) * resultsDcg / ideal.dcg();
        return sum > 0.0 ? sum / numRel : 0;
    }
}
