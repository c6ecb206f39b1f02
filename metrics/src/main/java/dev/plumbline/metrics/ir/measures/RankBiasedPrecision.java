package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.BoundMeasure;
import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

import java.util.List;

/**
 * {@code rbp} ({@code m_rbp.c}, Moffat and Zobel): rank-biased precision
 * {@code (1 - p) * sum_i gain(rank i) * p^i} over the ranking, persistence p = 0.9 unless
 * {@code -m rbp.p=0.95} (printed {@code rbp_p=0.95}). Gains are those of ndcg ({@link Gains},
 * level = gain unless overridden by integer-named parameters), normalised to [0, 1]:
 * {@code (g - min) / (max - min)} when some gain lies outside [0, 1]. {@code -l} is not used.
 *
 * <p>Quirk: trec_eval never initialises {@code min} and {@code max} before taking them over the
 * gains, so the result depends on the build. The golden outputs behave as if both start at 0,
 * which is what this does: min = min(0, gains), max = max(0, gains); with the default gains that
 * means dividing every gain by the largest level when it exceeds 1.
 */
public final class RankBiasedPrecision extends PairParamMeasure {
    /** Creates the measure. */
    public RankBiasedPrecision() {
        super("rbp", "Rank-biased precision (persistence p, default 0.9)");
    }

    @Override
    BoundMeasure bind(String printedName, List<Pair> pairs, boolean userParams) {
        double p = persistence(pairs);
        return new NamedValue(printedName) {
            @Override
            double value(RankedTopic topic, EvalContext ctx) {
                Gains gains = Gains.of(pairs, topic);
                // Uninitialised in trec_eval; 0 reproduces the reference outputs (see class doc).
                double min = 0;
                double max = 0;
                for (int i = 0; i < gains.size; i++) {
                    if (gains.gain[i] < min) {
                        min = gains.gain[i];
                    }
                    if (gains.gain[i] > max) {
                        max = gains.gain[i];
                    }
                }
                if (min < 0 || max > 1) {
                    for (int i = 0; i < gains.size; i++) {
                        gains.gain[i] = (gains.gain[i] - min) / (max - min);
                    }
                }
                long[] rels = topic.rels();
                double sum = 0.0;
                double curP = 1.0;
                for (int i = 0; i < topic.numRet(); i++) {
                    double gain = gains.gainOf(rels[i]);
                    if (gain != 0) {
                        sum += gain * curP;
                    }
                    curP = curP * p;
                }
                return (1.0 - p) * sum;
            }
        };
    }

    /** The last {@code p=} parameter, else 0.9 (shared with rbp_resid). */
    static double persistence(List<Pair> pairs) {
        double p = 0.9;
        for (Pair pair : pairs) {
            if (pair.name().equals("p")) {
                p = pair.value();
            }
        }
        return p;
    }
}
