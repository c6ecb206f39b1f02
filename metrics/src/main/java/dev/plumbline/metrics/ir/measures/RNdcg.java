package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.BoundMeasure;
import dev.plumbline.metrics.ir.RankedTopic;

import java.util.List;

/**
 * {@code Rndcg} ({@code m_Rndcg.c}, experimental): nDCG averaged at the R-level boundaries, the
 * ranks where the ideal ranking's gain changes, plus (when the ranking is longer than the
 * positive part of the ideal ranking) once at its end. Gains as for ndcg ({@code -m Rndcg.1=3});
 * {@code -l} only matters in that a topic with no relevant document (num_rel = 0) is 0. With no
 * boundary at a positive ideal DCG the result is {@code 0/0}, printed {@code -nan} as in trec_eval.
 */
public final class RNdcg extends PairParamMeasure {
    /** Creates the measure. */
    public RNdcg() {
        super("Rndcg", "nDCG averaged at the R-level boundaries (experimental)");
    }

    @Override
    BoundMeasure bind(String printedName, List<Pair> pairs, boolean userParams) {
        return NamedValue.of(printedName,
                (topic, ctx) -> topic.numRel() == 0 ? 0 : rndcg(topic, Gains.of(pairs, topic)));
    }

    private static double rndcg(RankedTopic topic, Gains gains) {
        long[] rels = topic.rels();
        int numRet = topic.numRet();
        IdealGains ideal = new IdealGains(gains);
        double resultsDcg = 0.0;
        double sum = 0.0;
        long numChangedIdealGain = 0;
        double oldIdealGain = ideal.gain();
        int i = 0;
        // The ideal ranking's positive part, retrieved or not (a rank past the ranking gains 0).
        for (; ideal.positive(); i++) {
            double resultsGain = i < numRet ? gains.gainOf(rels[i]) : 0.0;
            double idealDcgBefore = ideal.dcg();
            double idealGain = ideal.next();
            // At a boundary of the ideal gain: take nDCG here (before this rank) for the average.
            if (oldIdealGain != idealGain) {
                if (idealDcgBefore > 0.0) {
                    sum += resultsDcg / idealDcgBefore;
                    numChangedIdealGain++;
                }
                oldIdealGain = idealGain;
            }
            if (resultsGain != 0) {
                resultsDcg += resultsGain / CMath.log2((double) (i + 2));
            }
        }
        // A ranking longer than the ideal ranking's positive part: nDCG once more at its end.
        if (i < numRet) {
            for (; i < numRet; i++) {
                double resultsGain = gains.gainOf(rels[i]);
                if (resultsGain != 0) {
                    resultsDcg += resultsGain / CMath.log2((double) (i + 2));
                }
            }
            if (ideal.dcg() > 0.0) {
                sum += resultsDcg / ideal.dcg();
                numChangedIdealGain++;
            }
        }
        return CMath.div(sum, (double) numChangedIdealGain);
    }
}
