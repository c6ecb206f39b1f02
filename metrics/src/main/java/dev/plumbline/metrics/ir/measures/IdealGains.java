package dev.plumbline.metrics.ir.measures;

/**
 * The ideal ranking of one topic walked a rank at a time, as trec_eval's nDCG family
 * ({@code m_ndcg.c}, {@code m_ndcg_rel.c}, {@code m_Rndcg.c}, {@code m_G.c}, {@code m_ndcg_cut.c})
 * walks it: every judged document, highest gain first, taking the {@link Gains} entries from the
 * last (highest) down, each for as many ranks as it has documents, then gain 0.
 *
 * <p>trec_eval tests {@code ideal_gain > 0.0} before moving to a rank and stops at the first
 * rank whose gain is not positive, so {@link #gain()} (what {@link #positive()} tests) starts
 * out as the highest entry's gain, even when no document is at it. The cursor keeps trec_eval's running totals over the ranks
 * taken with positive gain; {@link #dcg()} adds {@code gain / log2(rank + 2)} in rank order, the
 * order (and so the rounding) of trec_eval's sums.
 */
final class IdealGains {
    private final Gains gains;
    /** Index in {@code gains} of the current rank's entry; -1 past the last. */
    private int entry;
    /** Ranks taken from that entry, the current one included. */
    private long takenAtEntry;
    private double gain;
    /** 0-based index of the current rank; -1 before the first. */
    private int rank = -1;
    private long numPositive;
    private double sum;
    private double dcg;

    IdealGains(Gains gains) {
        this.gains = gains;
        this.entry = gains.size - 1;
        this.gain = entry >= 0 ? gains.gain[entry] : 0.0;
    }

    /** The current rank's gain; before the first rank, the highest entry's. */
    double gain() {
        return gain;
    }

    /** Whether {@link #gain()} is positive: trec_eval walks the ideal ranking while it is. */
    boolean positive() {
        return gain > 0.0;
    }

    /**
     * Moves to the next rank and returns its gain; a positive gain is added to {@link #sum()}
     * and, discounted by its rank, to {@link #dcg()}.
     */
    double next() {
        takenAtEntry++;
        while (entry >= 0 && takenAtEntry > gains.numAtLevel[entry]) {
            takenAtEntry = 1;
            entry--;
            gain = entry >= 0 ? gains.gain[entry] : 0.0;
        }
        rank++;
        if (gain > 0.0) {
            numPositive++;
            sum += gain;
            dcg += gain / CMath.log2((double) (rank + 2));
        }
        return gain;
    }

    /** Takes the remaining ranks of positive gain: the totals are then those of the whole ideal ranking. */
    IdealGains toEnd() {
        while (positive()) {
            next();
        }
        return this;
    }

    /** How many ranks have been taken, the last one included even when its gain is not positive. */
    int ranks() {
        return rank + 1;
    }

    /** How many ranks taken have positive gain (ndcg_rel's number of relevant documents). */
    long numPositive() {
        return numPositive;
    }

    /** The sum of the positive gains taken (G's ideal gain). */
    double sum() {
        return sum;
    }

    /** The ideal DCG of the ranks taken: {@code gain / log2(rank + 2)} over the positive gains, 0-based ranks. */
    double dcg() {
        return dcg;
    }
}
