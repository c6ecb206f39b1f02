package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.BoundMeasure;
import dev.plumbline.metrics.ir.RankedTopic;

import java.util.List;

/**
 * {@code ndcg} ({@code m_ndcg.c}, Jarvelin and Kekalainen): DCG of the whole ranking over the
 * ideal DCG, the discount at 0-based rank i being {@code 1 / log2(i + 2)}. Gains are linear in
 * the relevance level by default (gain = level, not 2^level - 1) and can be overridden with
 * {@code -m ndcg.1=3,2=9} (printed {@code ndcg_1=3,2=9}); documents not judged or unjudged have
 * gain 0 (unless a parameter names level -1 or -2). The ideal ranking lists every judged document
 * with positive gain, highest gain first, however many documents were retrieved. 0 when the
 * ideal DCG is 0. {@code -l} is ignored (trec_eval issue #35).
 */
public final class Ndcg extends PairParamMeasure {
    /** Creates the measure. */
    public Ndcg() {
        super("ndcg", "Normalized Discounted Cumulative Gain over the whole ranking");
    }

    @Override
    BoundMeasure bind(String printedName, List<Pair> pairs, boolean userParams) {
        return NamedValue.of(printedName, (topic, ctx) -> ndcg(topic, Gains.of(pairs, topic)));
    }

    private static double ndcg(RankedTopic topic, Gains gains) {
        long[] rels = topic.rels();
        double resultsDcg = 0.0;
        for (int i = 0; i < topic.numRet(); i++) {
            double resultsGain = gains.gainOf(rels[i]);
            if (resultsGain != 0) {
                resultsDcg += resultsGain / CMath.log2((double) (i + 2));
            }
        }
        double idealDcg = new IdealGains(gains).toEnd().dcg();
        return idealDcg > 0.0 ? resultsDcg / idealDcg : 0;
    }
}
