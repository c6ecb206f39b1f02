package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

/**
 * {@code iprec_at_recall_x} ({@code m_iprec_at_recall.c}): interpolated precision (the highest
 * precision at this or any lower rank) at recall level x. Recall x is reached at the
 * {@code (long) (x * num_rel + 0.5)}-th relevant document, x * num_rel rounded to nearest with
 * ties up; levels above the relevant documents retrieved get 0. Default levels 0.0, 0.1, ..., 1.0.
 *
 * <p>The rounding is trec_eval 10.0's: the older {@code m_iprec_at_recall.c} (and 11pt_avg's)
 * adds 0.9 instead, which the 10.0 reference outputs contradict (e.g. num_rel = 58,
 * 46 relevant retrieved: 10.0 prints a value at recall 0.8, so 46.4 maps to 46, not 47; and
 * 34.8 maps to 35, 6.5 to 7). Rprec_mult still adds 0.9 in 10.0.
 *
 * <p>Edge case kept from trec_eval: with nothing retrieved (possible under {@code -J}) the
 * starting precision is {@code 0 / 0}, so level 0 prints {@code -nan} (and so does the average).
 */
public final class InterpolatedPrecisionAtRecall extends DoubleCutoffMeasure {
    /** Creates the measure with trec_eval's default recall levels. */
    public InterpolatedPrecisionAtRecall() {
        super("iprec_at_recall", "Interpolated precision at recall levels",
                0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0);
    }

    @Override
    void compute(RankedTopic topic, EvalContext ctx, double[] cutoffs, double[] out, int offset) {
        interpolated(topic, ctx.params().relevanceLevel(), cutoffs, out, offset);
    }

    /**
     * Interpolated precision at each recall fraction in {@code percents}, in the given order, into
     * {@code out[offset + i]} (entries above the retrieved relevant documents are left alone, so
     * they stay 0). Values are assigned from the last index down, the order 11pt_avg sums them in.
     * Shared with 11pt_avg, which runs the same loop on its (unsorted) parameters.
     */
    static void interpolated(RankedTopic topic, long level, double[] percents, double[] out, int offset) {
        int n = percents.length;
        long[] cutoffs = new long[n];
        for (int i = 0; i < n; i++) {
            // Rounded to nearest, ties up (trec_eval 10.0; see the class comment).
            cutoffs[i] = CMath.toLong(percents[i] * topic.numRel() + 0.5);
        }
        int currentCut = n - 1;
        while (currentCut >= 0 && cutoffs[currentCut] > topic.numRelRet()) {
            currentCut--;
        }
        // Walk the ranking backwards: interpolated precision at X is the max precision at ranks >= X.
        double intPrecis = CMath.div((double) topic.numRelRet(), (double) topic.numRet());
        long relSoFar = topic.numRelRet();
        long[] rels = topic.rels();
        for (int i = topic.numRet(); i > 0 && relSoFar > 0; i--) {
            double precis = (double) relSoFar / (double) i;
            if (intPrecis < precis) {
                intPrecis = precis;
            }
            if (rels[i - 1] >= level) {
                while (currentCut >= 0 && relSoFar == cutoffs[currentCut]) {
                    out[offset + currentCut] = intPrecis;
                    currentCut--;
                }
                relSoFar--;
            }
        }
        while (currentCut >= 0) {
            out[offset + currentCut] = intPrecis;
            currentCut--;
        }
    }
}
