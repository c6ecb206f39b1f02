package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.BoundMeasure;
import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

import java.util.List;

/**
 * {@code rbp_resid} ({@code m_rbp_resid.c}): the most rbp could rise if every unjudged retrieved
 * document (not in the qrels or negative there) had gain 1, plus the tail past the ranking:
 * {@code p^n + (1 - p) * sum over unjudged ranks i of p^i}, n = num_ret; 0 when every retrieved
 * document is judged. p as for rbp ({@code -m rbp_resid.p=0.95}).
 *
 * <p>Under {@code -c} trec_eval 10 zeroes a missing topic's value only when the value is named
 * exactly {@code rbp_resid}, that is without parameters; with parameters the placeholder
 * ranking (one unjudged document) gives {@code p + (1 - p)}.
 */
public final class RankBiasedPrecisionResidual extends PairParamMeasure {
    /** Creates the measure. */
    public RankBiasedPrecisionResidual() {
        super("rbp_resid", "Rank-biased precision residual: rise if all unjudged docs were relevant");
    }

    @Override
    BoundMeasure bind(String printedName, List<Pair> pairs, boolean userParams) {
        double p = RankBiasedPrecision.persistence(pairs);
        return new NamedValue(printedName) {
            @Override
            double value(RankedTopic topic, EvalContext ctx) {
                long[] rels = topic.rels();
                long unjSoFar = 0;
                double sum = 0.0;
                double curP = 1.0;
                for (int i = 0; i < topic.numRet(); i++) {
                    if (rels[i] < 0) {
                        unjSoFar++;
                        sum += curP;
                    }
                    curP = curP * p;
                }
                return unjSoFar != 0 ? curP + (1 - p) * sum : 0;
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
