package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.BoundMeasure;
import dev.plumbline.metrics.ir.RankedTopic;

import java.util.List;

/**
 * {@code G} ({@code m_G.c}, experimental normalized gain): the document at 0-based rank i with
 * gain g adds {@code g / log2(2 + cost(i) - gained(i))}, where gained(i) is the gain of ranks
 * 0..i and cost(i) sums, over ranks 0..i, the ideal gain at that rank or 1 when the ideal gain
 * is below 1 (past the ideal list, 1). The sum is divided by the total ideal gain (the gains of
 * every judged document); 0 when that is not positive. Gains as for ndcg ({@link Gains}, {@code
 * -m G.1=3,2=9}); {@code -l} is not used.
 */
public final class Gain extends PairParamMeasure {
    /** Creates the measure. */
    public Gain() {
        super("G", "Normalized gain G (experimental): gain discounted by log2 of the cost so far");
    }

    @Override
    BoundMeasure bind(String printedName, List<Pair> pairs, boolean userParams) {
        return NamedValue.of(printedName, (topic, ctx) -> g(topic, Gains.of(pairs, topic)));
    }

    private static double g(RankedTopic topic, Gains gains) {
        long[] rels = topic.rels();
        int numRet = topic.numRet();
        IdealGains ideal = new IdealGains(gains);
        double resultsG = 0.0;
        double sumResults = 0.0;
        double sumCost = 0.0;
        double minCost = 1.0;
        int i = 0;
        for (; i < numRet && ideal.positive(); i++) {
            double resultsGain = gains.gainOf(rels[i]);
            sumResults += resultsGain;
            double idealGain = ideal.next();
            if (idealGain >= minCost) {
                sumCost += idealGain;
            } else {
                sumCost += minCost;
            }
            if (resultsGain != 0) {
                resultsG += resultsGain / CMath.log2(2 + sumCost - sumResults);
            }
        }
        for (; i < numRet; i++) {
            double resultsGain = gains.gainOf(rels[i]);
            sumResults += resultsGain;
            sumCost += minCost;
            if (resultsGain != 0) {
                resultsG += resultsGain / CMath.log2(2 + sumCost - sumResults);
            }
        }
        double sumIdeal = ideal.toEnd().sum();
        return sumIdeal > 0.0 ? resultsG / sumIdeal : 0;
    }
}
