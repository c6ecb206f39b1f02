package dev.plumbline.metrics.ir.measures;

import dev.plumbline.datasets.trec.CNumbers;
import dev.plumbline.metrics.ir.RankedTopic;

import java.util.List;

/**
 * The gain of each relevance level for one topic, as trec_eval's {@code setup_gains} and
 * {@code get_gain} ({@code gain_init.c}) build them for ndcg, ndcg_rel, Rndcg, G and rbp. Without
 * parameters the gain is the level, which also makes ndcg_cut's ideal ranking; {@link IdealGains}
 * walks that ranking.
 *
 * <p>Entries come first from the {@code level=gain} parameters whose name is an integer (others,
 * such as rbp's {@code p}, are skipped), then one entry with gain = level for every level
 * {@code 0 .. numRelLevels-1} not given, each with the number of qrels lines at that level.
 * Entries are sorted by increasing gain with glibc's qsort (a merge sort) and trec_eval's
 * comparator {@code (int) (gain1 - gain2)}, which truncates: gains less than 1 apart compare
 * equal and keep their order. A level's gain is the first entry for it in that order, 0 if none.
 * Note that {@code -l} plays no part: every positive-gain level counts.
 */
final class Gains {
    final long[] level;
    final double[] gain;
    final long[] numAtLevel;
    final int size;

    private Gains(long[] level, double[] gain, long[] numAtLevel, int size) {
        this.level = level;
        this.gain = gain;
        this.numAtLevel = numAtLevel;
        this.size = size;
    }

    static Gains of(List<PairParamMeasure.Pair> pairs, RankedTopic topic) {
        int capacity = pairs.size() + topic.numRelLevels();
        long[] level = new long[capacity];
        double[] gain = new double[capacity];
        long[] count = new long[capacity];
        int n = 0;
        for (PairParamMeasure.Pair p : pairs) {
            if (!isInteger(p.name())) {
                continue;
            }
            level[n] = CNumbers.atol(p.name());
            gain[n] = p.value();
            n++;
        }
        int given = n;
        for (int lvl = 0; lvl < topic.numRelLevels(); lvl++) {
            int j = 0;
            while (j < given && level[j] != lvl) {
                j++;
            }
            if (j < given) {
                count[j] = topic.relLevels()[lvl];
            } else {
                level[n] = lvl;
                gain[n] = lvl;
                count[n] = topic.relLevels()[lvl];
                n++;
            }
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        mergeSort(order, new int[n], 0, n, gain);
        long[] sortedLevel = new long[n];
        double[] sortedGain = new double[n];
        long[] sortedCount = new long[n];
        for (int i = 0; i < n; i++) {
            sortedLevel[i] = level[order[i]];
            sortedGain[i] = gain[order[i]];
            sortedCount[i] = count[order[i]];
        }
        return new Gains(sortedLevel, sortedGain, sortedCount, n);
    }

    /** {@code get_gain}: the gain of the first entry for this level, 0 if none. */
    double gainOf(long relLevel) {
        for (int i = 0; i < size; i++) {
            if (level[i] == relLevel) {
                return gain[i];
            }
        }
        return 0.0;
    }

    /** gain_init.c's {@code valid_int}: an optional sign and at least one digit, nothing else. */
    private static boolean isInteger(String s) {
        int i = 0;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        if (i == s.length()) {
            return false;
        }
        for (; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code comp_rel_gain}: {@code return ptr1->gain - ptr2->gain;} in a function returning int,
     * so the difference is truncated toward zero (x86-64 gives INT_MIN when it does not fit).
     */
    private static int compare(double g1, double g2) {
        double d = g1 - g2;
        if (Double.isNaN(d) || d >= 0x1p31 || d < -0x1p31) {
            return Integer.MIN_VALUE;
        }
        return (int) d;
    }

    /**
     * glibc's {@code msort_with_tmp}: top-down merge sort, left half {@code n/2}, taking from the
     * left run while {@code compare <= 0}. Reproduced exactly because the truncating comparator
     * is not a consistent order, so another algorithm could order entries differently.
     */
    private static void mergeSort(int[] a, int[] tmp, int from, int to, double[] gain) {
        int n = to - from;
        if (n <= 1) {
            return;
        }
        int mid = from + n / 2;
        mergeSort(a, tmp, from, mid, gain);
        mergeSort(a, tmp, mid, to, gain);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            if (compare(gain[a[i]], gain[a[j]]) <= 0) {
                tmp[k++] = a[i++];
            } else {
                tmp[k++] = a[j++];
            }
        }
        while (i < mid) {
            tmp[k++] = a[i++];
        }
        // The rest of the right run is already in place.
        System.arraycopy(tmp, from, a, from, k - from);
    }
}
