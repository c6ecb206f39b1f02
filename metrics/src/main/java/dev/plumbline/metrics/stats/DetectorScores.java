package dev.plumbline.metrics.stats;

/**
 * How well a score separates positives (hallucinated) from negatives (faithful): the figures
 * LLM-AggreFact and the RAGTruth paper report for hallucination detectors.
 *
 * @param n                 labelled items scored
 * @param positives         items labelled positive
 * @param auroc             area under the ROC curve (ties count one half), NaN without both classes
 * @param balancedAccuracy  mean of true-positive and true-negative rates at the threshold
 * @param precision         at the threshold (NaN when nothing is predicted positive)
 * @param recall            at the threshold (NaN without positives)
 * @param f1                harmonic mean of precision and recall (NaN when either is)
 * @param threshold         a score at or above this predicts positive
 */
public record DetectorScores(int n, int positives, double auroc, double balancedAccuracy, double precision,
                             double recall, double f1, double threshold) {

    /**
     * Scores detector outputs.
     *
     * @param scores    higher = more likely positive
     * @param positive  true labels
     * @param threshold decision threshold
     */
    public static DetectorScores of(double[] scores, boolean[] positive, double threshold) {
        boolean[] predicted = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            predicted[i] = scores[i] >= threshold;
        }
        return of(scores, predicted, positive, threshold);
    }

    /**
     * Scores a detector whose decisions are given directly (when the decision rule is not a
     * threshold on the same floating-point score, comparing there would misplace boundary cases).
     *
     * @param scores    higher = more likely positive; used for AUROC
     * @param predicted the detector's decisions
     * @param positive  true labels
     * @param threshold the decision threshold to record, in the detector's own terms
     */
    public static DetectorScores of(double[] scores, boolean[] predicted, boolean[] positive, double threshold) {
        if (scores.length != positive.length || predicted.length != positive.length) {
            throw new IllegalArgumentException("scores, decisions and labels differ in length: " + scores.length
                    + ", " + predicted.length + ", " + positive.length);
        }
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        int pos = 0;
        for (int i = 0; i < scores.length; i++) {
            if (positive[i]) {
                pos++;
                if (predicted[i]) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (predicted[i]) {
                fp++;
            } else {
                tn++;
            }
        }
        double tpr = pos == 0 ? Double.NaN : (double) tp / pos;
        double tnr = (tn + fp) == 0 ? Double.NaN : (double) tn / (tn + fp);
        double precision = (tp + fp) == 0 ? Double.NaN : (double) tp / (tp + fp);
        double f1 = Double.isNaN(precision) || Double.isNaN(tpr) || precision + tpr == 0
                ? (precision == 0 && tpr == 0 ? 0 : Double.NaN) : 2 * precision * tpr / (precision + tpr);
        return new DetectorScores(scores.length, pos, auroc(scores, positive), (tpr + tnr) / 2, precision, tpr, f1,
                threshold);
    }

    /** AUROC as the Mann–Whitney statistic: P(score of a positive > score of a negative), ties ½. */
    public static double auroc(double[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSumPositive = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSumPositive += averageRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }
}
